//! Imports: `import_name` and the module loader (`sys.modules`, `sys.path`,
//! repy's own `lib` folder).

use crate::objects::Value;
use crate::objects::exceptions::E;
use crate::objects::str::as_str;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `import name`: a module in `sys.modules`, else `NAME.py` found along
    /// `sys.path` (the script's folder) and then repy's own `lib` folder,
    /// compiled and run as a new module (registered before it runs, so
    /// circular imports see the partly initialized module, as in CPython).
    pub fn import_name(&mut self, name: Value, _fromlist: Value, level: Value) -> PyResult<Value> {
        let modules = self.modules;
        if let Some(m) = self.dict_get_str(modules, name) {
            return Ok(m);
        }
        let n = as_str(name).to_string();
        if level.is_small() && level.as_small() > 0 || n.contains('.') {
            return Err(self.err(
                E::ImportError,
                format!("packages and relative imports are not supported yet: '{n}'"),
            ));
        }
        let mut dirs: Vec<std::path::PathBuf> = Vec::new();
        let sys_key = self.intern("sys");
        if let Some(sys) = self.dict_get_str(modules, sys_key)
            && let Some(path) = self.instance_or_module_attr(sys, "path")
            && self.is_list(path)
        {
            for &p in self.list_items(path) {
                if self.is_str(p) {
                    dirs.push(as_str(p).into());
                }
            }
        }
        dirs.push(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lib"));
        for dir in dirs {
            let file = dir.join(format!("{n}.py"));
            if let Ok(source) = std::fs::read_to_string(&file) {
                return self.load_module(&n, &file.display().to_string(), &source);
            }
        }
        let e = self.exc_type(E::ModuleNotFoundError);
        let msg = self.new_str(&format!("No module named '{n}'"));
        let err = self.new_exception(e, &[msg]);
        let k = self.intern("name");
        self.instance_set(err.0, k, name);
        Err(err)
    }

    fn instance_or_module_attr(&mut self, m: Value, name: &str) -> Option<Value> {
        let k = self.intern(name);
        self.dict_get_str(m.get(1), k)
    }

    #[cfg(feature = "compiler")]
    fn load_module(&mut self, name: &str, filename: &str, source: &str) -> PyResult<Value> {
        let arena = bumpalo::Bump::new();
        let compiled = crate::parser::parse_bytes(&arena, source.as_bytes())
            .map_err(|e| e.msg)
            .and_then(|m| crate::compile::compile_module(&m, filename).map_err(|e| e.msg));
        let code = match compiled {
            Ok(c) => c,
            Err(msg) => return Err(self.err(E::SyntaxError, format!("{msg} ({filename})"))),
        };
        let lines: Vec<String> = source.lines().map(String::from).collect();
        self.sources
            .insert(filename.to_string(), std::rc::Rc::new(lines));
        let rt = self.load_code(std::rc::Rc::new(code));
        let module = self.new_module(name);
        self.immortal.push(module);
        let globals = module.get(1);
        let k = self.intern("__file__");
        let f = self.new_str(filename);
        self.dict_set(globals, k, f)?;
        let key = self.intern(name);
        let modules = self.modules;
        self.dict_set(modules, key, module)?;
        if let Err(e) = self.run_code(rt, globals, globals) {
            let _ = self.dict_del(modules, key);
            return Err(e);
        }
        Ok(module)
    }

    #[cfg(not(feature = "compiler"))]
    fn load_module(&mut self, name: &str, _filename: &str, _source: &str) -> PyResult<Value> {
        Err(self.err(
            E::ImportError,
            format!("cannot import '{name}': built without the compiler"),
        ))
    }
}
