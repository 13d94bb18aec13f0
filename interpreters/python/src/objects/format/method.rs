//! `str.format` and `str.format_map`: CPython's replacement-field grammar.
//!
//! `{field_name!conversion:format_spec}` where the field name is an
//! argument index or keyword followed by `.attr` and `[key]` parts, and the
//! spec may itself hold nested `{...}` fields (one level, as CPython).
//! Automatic and manual numbering cannot be mixed. The keyword lookup is the
//! call's keywords for `format` and `mapping[key]` for `format_map`.

use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::str::as_str;
use crate::vm::{PyResult, Vm};

/// Where named fields come from.
enum Named<'a> {
    Keywords {
        names: &'a [Value],
        values: &'a [Value],
    },
    Mapping(Value),
}

struct Ctx<'a> {
    positional: &'a [Value],
    named: Named<'a>,
    /// None before any field, Some(true) after automatic numbering.
    auto: Option<bool>,
    next: usize,
}

/// `str.format(*args, **kwargs)`.
pub fn str_format(vm: &mut Vm, args: &[Value], kw: &[Value]) -> PyResult<Value> {
    if args.is_empty() || !vm.is_str(args[0]) {
        return Err(vm.err(
            E::TypeError,
            "descriptor 'format' of 'str' object needs an argument",
        ));
    }
    let npos = args.len() - kw.len();
    let mut ctx = Ctx {
        positional: &args[1..npos],
        named: Named::Keywords {
            names: kw,
            values: &args[npos..],
        },
        auto: None,
        next: 0,
    };
    let out = render(vm, as_str(args[0]), &mut ctx, 2)?;
    Ok(vm.new_str(&out))
}

/// `str.format_map(mapping)`.
pub fn str_format_map(vm: &mut Vm, fmt: Value, mapping: Value) -> PyResult<Value> {
    let mut ctx = Ctx {
        positional: &[],
        named: Named::Mapping(mapping),
        auto: None,
        next: 0,
    };
    let out = render(vm, as_str(fmt), &mut ctx, 2)?;
    Ok(vm.new_str(&out))
}

fn render(vm: &mut Vm, fmt: &str, ctx: &mut Ctx<'_>, depth: u32) -> PyResult<String> {
    if depth == 0 {
        return Err(vm.err(E::ValueError, "Max string recursion exceeded"));
    }
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.err(E::ValueError, "Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // Find the matching '}' (brackets in `[key]` do not nest braces).
        let mut depth_b = 1;
        let mut j = i + 1;
        let mut in_bracket = false;
        while j < chars.len() {
            match chars[j] {
                '[' if depth_b == 1 => in_bracket = true,
                ']' if depth_b == 1 => in_bracket = false,
                '{' if !in_bracket => depth_b += 1,
                '}' if !in_bracket => {
                    depth_b -= 1;
                    if depth_b == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= chars.len() {
            let msg = if depth_b > 1 || chars[i + 1..].contains(&':') {
                "expected '}' before end of string"
            } else {
                "Single '{' encountered in format string"
            };
            return Err(vm.err(E::ValueError, msg));
        }
        let field: String = chars[i + 1..j].iter().collect();
        let piece = replace_field(vm, &field, ctx, depth)?;
        out.push_str(&piece);
        i = j + 1;
    }
    Ok(out)
}

fn replace_field(vm: &mut Vm, field: &str, ctx: &mut Ctx<'_>, depth: u32) -> PyResult<String> {
    // Split name / conversion / spec: the name ends at the first '!' or ':'
    // outside brackets.
    let mut name_end = field.len();
    let mut in_bracket = false;
    for (k, ch) in field.char_indices() {
        match ch {
            '[' => in_bracket = true,
            ']' => in_bracket = false,
            '!' | ':' if !in_bracket => {
                name_end = k;
                break;
            }
            _ => {}
        }
    }
    let name = &field[..name_end];
    let mut rest = &field[name_end..];
    let mut conv = None;
    if let Some(r) = rest.strip_prefix('!') {
        let mut it = r.chars();
        let c = it.next();
        let after = it.as_str();
        if c.is_none() || !(after.is_empty() || after.starts_with(':')) {
            return Err(vm.err(
                E::ValueError,
                if c.is_none() {
                    "end of string while looking for conversion specifier"
                } else {
                    "expected ':' after conversion specifier"
                },
            ));
        }
        conv = c;
        rest = after;
    }
    let spec_src = rest.strip_prefix(':').unwrap_or("");
    let value = field_value(vm, name, ctx)?;
    let value = match conv {
        None => value,
        Some('r') => {
            let s = vm.repr_string(value)?;
            vm.new_str(&s)
        }
        Some('s') => vm.str_of(value)?,
        Some('a') => {
            let s = vm.repr_string(value)?;
            let s = crate::builtins::ascii_escape(&s);
            vm.new_str(&s)
        }
        Some(other) => {
            return Err(vm.err(
                E::ValueError,
                format!("Unknown conversion specifier {other}"),
            ));
        }
    };
    let spec = if spec_src.contains('{') {
        render(vm, spec_src, ctx, depth - 1)?
    } else {
        spec_src.to_string()
    };
    let spec_v = vm.new_str(&spec);
    let f = vm.format(value, spec_v)?;
    Ok(as_str(f).to_string())
}

fn field_value(vm: &mut Vm, name: &str, ctx: &mut Ctx<'_>) -> PyResult<Value> {
    let head_end = name.find(['.', '[']).unwrap_or(name.len());
    let (head, mut rest) = (&name[..head_end], &name[head_end..]);
    let mut v = if head.is_empty() {
        if ctx.auto == Some(false) {
            return Err(vm.err(
                E::ValueError,
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        ctx.auto = Some(true);
        let n = ctx.next;
        ctx.next += 1;
        positional(vm, ctx, n)?
    } else if head.bytes().all(|b| b.is_ascii_digit()) {
        if ctx.auto == Some(true) {
            return Err(vm.err(
                E::ValueError,
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        ctx.auto = Some(false);
        let n: usize = head.parse().unwrap_or(usize::MAX);
        positional(vm, ctx, n)?
    } else {
        match ctx.named {
            Named::Keywords { names, values } => {
                match names.iter().position(|&k| as_str(k) == head) {
                    Some(p) => values[p],
                    None => {
                        let k = vm.new_str(head);
                        return Err(vm.key_error(k));
                    }
                }
            }
            Named::Mapping(m) => {
                let k = vm.new_str(head);
                vm.getitem(m, k)?
            }
        }
    };
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            if end == 0 {
                return Err(vm.err(E::ValueError, "Empty attribute in format string"));
            }
            let n = vm.intern(&after[..end]);
            v = vm.getattr(v, n)?;
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let Some(end) = after.find(']') else {
                return Err(vm.err(E::ValueError, "Missing ']' in format string"));
            };
            let key = &after[..end];
            if key.is_empty() {
                return Err(vm.err(E::ValueError, "Empty attribute in format string"));
            }
            let k = if key.bytes().all(|b| b.is_ascii_digit()) {
                match key.parse::<i64>() {
                    Ok(n) => Value::small(n),
                    Err(_) => vm.new_str(key),
                }
            } else {
                vm.new_str(key)
            };
            v = vm.getitem(v, k)?;
            rest = &after[end + 1..];
            if !rest.is_empty() && !rest.starts_with(['.', '[']) {
                return Err(vm.err(
                    E::ValueError,
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        } else {
            break;
        }
    }
    Ok(v)
}

fn positional(vm: &mut Vm, ctx: &Ctx<'_>, n: usize) -> PyResult<Value> {
    if let Named::Mapping(_) = ctx.named {
        return Err(vm.err(E::ValueError, "Format string contains positional fields"));
    }
    match ctx.positional.get(n) {
        Some(&v) => Ok(v),
        None => Err(vm.err(
            E::IndexError,
            format!("Replacement index {n} out of range for positional args tuple"),
        )),
    }
}
