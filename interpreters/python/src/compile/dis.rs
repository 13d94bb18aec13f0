//! The disassembler behind `repy --dis`, in the layout of CPython 3.11's
//! `dis` module: line number (when it changes), `>>` on jump targets,
//! instruction offset, opcode name, argument and its meaning in parentheses;
//! then the exception table; then each nested code object, as
//! `Disassembly of <code object NAME, file "F", line N>:`.
//!
//! Differences from CPython, all on purpose: offsets count instructions (ours
//! are fixed width; CPython's count bytes), and code objects print without a
//! memory address so that the output is reproducible (golden tests).

use super::bytecode::*;

/// The full disassembly of `code` and every code object nested in it.
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    disassemble_into(&mut out, code);
    out
}

fn disassemble_into(out: &mut String, code: &CodeObject) {
    disassemble_one(out, code);
    for c in &code.consts {
        if let Const::Code(child) = c {
            out.push_str(&format!("\nDisassembly of {}:\n", c.repr()));
            disassemble_into(out, child);
        }
    }
}

/// The meaning of an instruction's argument, as `dis` shows it in parentheses.
pub fn arg_repr(code: &CodeObject, instr: Instr) -> String {
    use Opcode::*;
    let arg = instr.arg;
    match instr.op.arg_kind() {
        ArgKind::None => String::new(),
        ArgKind::Const => code
            .consts
            .get(arg as usize)
            .map_or_else(|| "?".into(), |c| c.repr()),
        ArgKind::Name => code
            .names
            .get(arg as usize)
            .cloned()
            .unwrap_or_else(|| "?".into()),
        ArgKind::Local => code
            .varnames
            .get(arg as usize)
            .cloned()
            .unwrap_or_else(|| "?".into()),
        ArgKind::Deref => code.deref_name(arg).unwrap_or("?").to_string(),
        ArgKind::Jump => format!("to {arg}"),
        ArgKind::Number => match instr.op {
            BINARY_OP => BINARY_OP_NAMES
                .get(arg as usize)
                .copied()
                .unwrap_or("?")
                .to_string(),
            COMPARE_OP => COMPARE_OP_NAMES
                .get(arg as usize)
                .copied()
                .unwrap_or("?")
                .to_string(),
            FORMAT_VALUE => {
                let conv = match arg & 3 {
                    FVC_STR => "str",
                    FVC_REPR => "repr",
                    FVC_ASCII => "ascii",
                    _ => "",
                };
                let spec = if arg & FVS_HAVE_SPEC != 0 {
                    "with format"
                } else {
                    ""
                };
                match (conv.is_empty(), spec.is_empty()) {
                    (false, false) => format!("{conv}, {spec}"),
                    (false, true) => conv.to_string(),
                    (true, false) => spec.to_string(),
                    (true, true) => String::new(),
                }
            }
            MAKE_FUNCTION => {
                let names = ["defaults", "kwdefaults", "annotations", "closure"];
                let parts: Vec<&str> = names
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| arg & (1 << i) != 0)
                    .map(|(_, n)| *n)
                    .collect();
                parts.join(", ")
            }
            IS_OP => if arg == 0 { "is" } else { "is not" }.to_string(),
            CONTAINS_OP => if arg == 0 { "in" } else { "not in" }.to_string(),
            _ => String::new(),
        },
    }
}

fn disassemble_one(out: &mut String, code: &CodeObject) {
    let mut is_target = vec![false; code.code.len() + 1];
    for instr in &code.code {
        if instr.op.is_jump() && (instr.arg as usize) < is_target.len() {
            is_target[instr.arg as usize] = true;
        }
    }
    for entry in &code.exception_table {
        if (entry.handler as usize) < is_target.len() {
            is_target[entry.handler as usize] = true;
        }
    }
    let max_line = code.lines.iter().copied().max().unwrap_or(0);
    let line_width = max_line.to_string().len().max(3);
    let offset_width = code.code.len().saturating_sub(1).to_string().len().max(4);
    let mut last_line = None;
    for (i, instr) in code.code.iter().enumerate() {
        let line = code.lines.get(i).copied().unwrap_or(0);
        let mut fields: Vec<String> = Vec::with_capacity(7);
        if Some(line) != last_line && line > 0 {
            if last_line.is_some() {
                out.push('\n');
            }
            fields.push(format!("{line:>line_width$}"));
            last_line = Some(line);
        } else {
            fields.push(" ".repeat(line_width));
        }
        fields.push("   ".into());
        fields.push(if is_target[i] { ">>" } else { "  " }.into());
        fields.push(format!("{i:>offset_width$}"));
        fields.push(format!("{:<20}", instr.op.name()));
        if instr.op.arg_kind() != ArgKind::None {
            fields.push(format!("{:>5}", instr.arg));
            let meaning = arg_repr(code, *instr);
            if !meaning.is_empty() {
                fields.push(format!("({meaning})"));
            }
        }
        out.push_str(fields.join(" ").trim_end());
        out.push('\n');
    }
    if !code.exception_table.is_empty() {
        out.push_str("ExceptionTable:\n");
        for e in &code.exception_table {
            out.push_str(&format!(
                "  {} to {} -> {} [{}]{}\n",
                e.start,
                e.end.saturating_sub(1),
                e.handler,
                e.depth,
                if e.push_lasti { " lasti" } else { "" }
            ));
        }
    }
}
