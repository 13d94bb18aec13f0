//! The trace printer: one operation a line, guards with their resume pc.
//!
//! ```text
//! v0 = input 0 : int
//! label
//! v2 = int_add_ovf v0, v1
//! guard_no_overflow v2 @pc=7 exit[v0, v1]
//! jump v2, v1
//! ```

use crate::ir::{Op, Trace, Type};
use std::fmt;

fn list(refs: &[crate::ir::Ref]) -> String {
    refs.iter()
        .map(|r| r.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, op) in self.ops.iter().enumerate() {
            if self.types[i].is_some() {
                write!(f, "v{i} = ")?;
            }
            match op {
                Op::Input { index, ty } => write!(f, "input {index} : {}", ty.name())?,
                Op::Const { bits, ty } => match ty {
                    Type::Int => write!(f, "const {}", *bits as i64)?,
                    Type::Float => write!(f, "const {:?}", f64::from_bits(*bits))?,
                },
                Op::Label => write!(f, "label")?,
                Op::Bin(b, x, y) => write!(f, "{} {x}, {y}", b.name())?,
                Op::Un(u, x) => write!(f, "{} {x}", u.name())?,
                Op::Ovf(o, x, y) => write!(f, "{} {x}, {y}", o.name())?,
                Op::Load { base, offset, ty } => write!(f, "load {base}+{offset} : {}", ty.name())?,
                Op::Store {
                    base,
                    offset,
                    value,
                } => write!(f, "store {base}+{offset}, {value}")?,
                Op::Call { helper, args } => {
                    let h = &self.helpers[*helper as usize];
                    write!(f, "call {}({}) [{}]", h.name, list(args), h.effect.name())?
                }
                Op::Guard {
                    kind,
                    value,
                    expected,
                    pc,
                    exit,
                    ..
                } => {
                    write!(f, "{} {value}", kind.name())?;
                    if kind.has_expected() {
                        write!(f, ", {}", *expected as i64)?;
                    }
                    write!(f, " @pc={pc} exit[{}]", list(exit))?
                }
                Op::Jump(args) => write!(f, "jump {}", list(args))?,
                Op::Finish { pc, exit, .. } => write!(f, "finish @pc={pc} exit[{}]", list(exit))?,
                Op::Phi { init, ty } => write!(f, "phi {init} : {}", ty.name())?,
                Op::Virtual {
                    helper,
                    args,
                    fields,
                } => {
                    let h = &self.helpers[*helper as usize];
                    write!(f, "virtual {}({})", h.name, list(args))?;
                    if !fields.is_empty() {
                        let fields: Vec<String> =
                            fields.iter().map(|(o, v)| format!("+{o}={v}")).collect();
                        write!(f, " {{{}}}", fields.join(", "))?
                    }
                }
            }
            writeln!(f)?;
        }
        Ok(())
    }
}
