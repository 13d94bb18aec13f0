//! Start-up: the builtin types, singletons, exception classes, method tables
//! and the `builtins` module; then compiling and running a program.

use super::{PyErr, Types, Vm};
use crate::objects::exceptions::{E, HIERARCHY};
use crate::objects::function::NativeFn;
use crate::objects::typeobj::{T_BASES, T_DICT, T_INFO, T_MRO, T_NAME, TYPE_WORDS};
use crate::objects::{Kind, RootedVec, TypeInfo, Value, alloc_rec};
use retrace::shapes::Shape;
use std::rc::Rc;

fn shell(meta: Value, name: &str, kind: Kind) -> Value {
    let info = Box::new(TypeInfo {
        name: name.to_string(),
        kind,
        heap: false,
        shape_root: Shape::new_root(),
        slots: None,
    });
    let t = alloc_rec(meta, TYPE_WORDS);
    t.ptr().store(T_INFO, Box::into_raw(info) as usize | 1);
    t
}

impl Vm {
    pub fn new() -> Box<Vm> {
        let mut vm = Box::new(Vm {
            t: Types::default(),
            none: Value::NULL,
            true_: Value::NULL,
            false_: Value::NULL,
            not_implemented: Value::NULL,
            ellipsis: Value::NULL,
            empty_tuple: Value::NULL,
            exc_types: Vec::new(),
            builtin_iterator_types: Vec::new(),
            object_getattribute: Value::NULL,
            object_setattr: Value::NULL,
            object_delattr: Value::NULL,
            immortal: RootedVec::with_capacity(4096),
            pins: RootedVec::with_capacity(256),
            frame_pool: Vec::new(),
            driver_pool: Vec::new(),
            globals_now: Value::NULL,
            frame_views: Vec::new(),
            frame_aware: Vec::new(),
            pending_throw: None,
            yielded: false,
            handled: RootedVec::with_capacity(64),
            codes: Vec::new(),
            interned: Default::default(),
            names: Vec::new(),
            builtin_defs: Vec::new(),
            builtins: Value::NULL,
            modules: Value::NULL,
            recursion_limit: 1000,
            depth: 0,
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
            sources: Default::default(),
            argv: Vec::new(),
            repr_stack: RootedVec::with_capacity(16),
            depth_repr: 0,
        });
        vm.bootstrap();
        vm
    }

    fn bootstrap(&mut self) {
        // The core types first, as shells: dicts, names and MROs need str,
        // tuple and dict to exist.
        let type_ = shell(Value::NULL, "type", Kind::Type);
        type_.set(0, type_);
        self.immortal.push(type_);
        let mut core = Vec::new();
        let mut mk = |vm: &mut Vm, name: &str, kind: Kind| {
            let t = shell(type_, name, kind);
            vm.immortal.push(t);
            core.push(t);
            t
        };
        self.t.type_ = type_;
        self.t.object = mk(self, "object", Kind::Object);
        self.t.str = mk(self, "str", Kind::Str);
        self.t.tuple = mk(self, "tuple", Kind::Tuple);
        self.t.dict = mk(self, "dict", Kind::Dict);
        self.t.int = mk(self, "int", Kind::Int);
        let object = self.t.object;
        let empty = self.new_tuple(&[]);
        self.empty_tuple = empty;
        self.immortal.push(empty);
        for t in [
            object,
            type_,
            self.t.str,
            self.t.tuple,
            self.t.dict,
            self.t.int,
        ] {
            let d = self.new_dict();
            t.set(T_DICT, d);
            let n = self.new_str(&crate::objects::typeobj::info(t).name);
            t.set(T_NAME, n);
            if t == object {
                t.set(T_BASES, empty);
                let mro = self.new_tuple(&[object]);
                t.set(T_MRO, mro);
            } else {
                let b = self.new_tuple(&[object]);
                t.set(T_BASES, b);
                let mro = self.new_tuple(&[t, object]);
                t.set(T_MRO, mro);
            }
        }
        let int = self.t.int;
        let simple = |vm: &mut Vm, name: &str, kind: Kind| vm.make_type(name, kind, object);
        self.t.bool_ = self.make_type("bool", Kind::Bool, int);
        self.t.float = simple(self, "float", Kind::Float);
        self.t.list = simple(self, "list", Kind::List);
        self.t.set = simple(self, "set", Kind::Set);
        self.t.frozenset = simple(self, "frozenset", Kind::Set);
        self.t.none_type = simple(self, "NoneType", Kind::NoneType);
        self.t.not_implemented_type = simple(self, "NotImplementedType", Kind::NotImplementedType);
        self.t.ellipsis_type = simple(self, "ellipsis", Kind::Ellipsis);
        self.t.function = simple(self, "function", Kind::Function);
        self.t.builtin_function = simple(self, "builtin_function_or_method", Kind::BuiltinFunction);
        self.t.method = simple(self, "method", Kind::Method);
        self.t.code = simple(self, "code", Kind::Code);
        self.t.cell = simple(self, "cell", Kind::Cell);
        self.t.property = simple(self, "property", Kind::Property);
        self.t.staticmethod = simple(self, "staticmethod", Kind::StaticMethod);
        self.t.classmethod = simple(self, "classmethod", Kind::ClassMethod);
        self.t.range = simple(self, "range", Kind::Range);
        self.t.slice = simple(self, "slice", Kind::Slice);
        self.t.super_ = simple(self, "super", Kind::Super);
        self.t.module = simple(self, "module", Kind::Module);
        self.t.dict_keys = simple(self, "dict_keys", Kind::Iterator);
        self.t.dict_values = simple(self, "dict_values", Kind::Iterator);
        self.t.dict_items = simple(self, "dict_items", Kind::Iterator);
        let iters = [
            "list_iterator",
            "tuple_iterator",
            "range_iterator",
            "str_ascii_iterator",
            "dict_keyiterator",
            "dict_valueiterator",
            "dict_itemiterator",
            "enumerate",
            "zip",
            "map",
            "filter",
            "reversed",
            "callable_iterator",
            "iterator",
            "generator",
        ];
        let mut made = Vec::new();
        for name in iters {
            let t = simple(self, name, Kind::Iterator);
            made.push(t);
        }
        self.builtin_iterator_types = made.clone();
        [
            self.t.list_iterator,
            self.t.tuple_iterator,
            self.t.range_iterator,
            self.t.str_iterator,
            self.t.dict_keyiterator,
            self.t.dict_valueiterator,
            self.t.dict_itemiterator,
            self.t.enumerate,
            self.t.zip,
            self.t.map,
            self.t.filter,
            self.t.reversed,
            self.t.callable_iterator,
            self.t.seq_iterator,
            self.t.generator,
        ] = made.try_into().expect("iterator types");

        self.none = self.singleton(self.t.none_type, &[]);
        self.true_ = self.singleton(self.t.bool_, &[Value::small(1)]);
        self.false_ = self.singleton(self.t.bool_, &[Value::small(0)]);
        self.not_implemented = self.singleton(self.t.not_implemented_type, &[]);
        self.ellipsis = self.singleton(self.t.ellipsis_type, &[]);

        for &(e, name, base) in HIERARCHY {
            let base = if e == E::BaseException {
                object
            } else {
                self.exc_types[base as usize]
            };
            let t = self.make_type(name, Kind::Instance, base);
            self.exc_types.push(t);
        }

        self.install_methods();
        self.builtins = self.new_dict();
        self.immortal.push(self.builtins);
        self.modules = self.new_dict();
        self.immortal.push(self.modules);
        crate::builtins::install(self);
        self.install_language_features();
    }

    /// Types and builtins of the language-features work: complex, bytes,
    /// bytearray, coroutines, exception groups, member descriptors
    /// (`__slots__`), class creation, `exec`/`eval`/`compile`.
    fn install_language_features(&mut self) {
        use crate::objects::{bytes, classes, complex, coroutine, evalexec, excgroup};
        let object = self.t.object;
        let mut lt = crate::objects::LangTypes {
            complex: self.make_type("complex", Kind::Complex, object),
            bytes: self.make_type("bytes", Kind::Bytes, object),
            bytearray: self.make_type("bytearray", Kind::ByteArray, object),
            coroutine: self.make_type("coroutine", Kind::Coroutine, object),
            coroutine_wrapper: self.make_type("coroutine_wrapper", Kind::Object, object),
            async_generator: self.make_type("async_generator", Kind::Coroutine, object),
            member_descriptor: self.make_type("member_descriptor", Kind::Object, object),
            async_generator_asend: self.make_type("async_generator_asend", Kind::Object, object),
            async_generator_asend_done: self.make_type(
                "async_generator_asend",
                Kind::Object,
                object,
            ),
            ..Default::default()
        };
        let base_exc = self.exc_type(E::BaseException);
        let beg = self.make_type("BaseExceptionGroup", Kind::Instance, base_exc);
        let exc = self.exc_type(E::Exception);
        let bases = self.new_tuple(&[beg, exc]);
        let d = self.new_dict();
        let type_ = self.t.type_;
        lt.base_exception_group = beg;
        lt.exception_group = self
            .new_type(type_, "ExceptionGroup", bases, d, Kind::Instance, false)
            .unwrap_or_else(|_| crate::objects::fatal("ExceptionGroup's MRO"));
        crate::objects::set_lang_types(lt);

        self.add_methods(lt.complex, "complex", complex::METHODS);
        for t in [lt.bytes, lt.bytearray] {
            let owner = if t == lt.bytes { "bytes" } else { "bytearray" };
            self.add_methods(t, owner, bytes::SHARED_METHODS);
            let f = self.def_builtin("fromhex", owner, bytes::fromhex_fn());
            let cm = self.new_record(self.t.classmethod, &[f]);
            self.immortal.push(cm);
            let k = self.intern("fromhex");
            let _ = self.dict_set(t.get(T_DICT), k, cm);
        }
        self.add_methods(lt.bytes, "bytes", bytes::BYTES_METHODS);
        self.add_methods(lt.bytearray, "bytearray", bytes::BYTEARRAY_METHODS);
        self.add_methods(lt.coroutine, "coroutine", coroutine::COROUTINE_METHODS);
        self.add_methods(self.t.generator, "generator", coroutine::GENERATOR_METHODS);
        self.add_methods(
            lt.coroutine_wrapper,
            "coroutine_wrapper",
            coroutine::WRAPPER_METHODS,
        );
        self.add_methods(
            lt.async_generator,
            "async_generator",
            coroutine::ASYNC_GENERATOR_METHODS,
        );
        self.add_methods(
            lt.async_generator_asend,
            "async_generator_asend",
            coroutine::ASEND_METHODS,
        );
        self.add_methods(
            lt.async_generator_asend_done,
            "async_generator_asend",
            coroutine::DONE_METHODS,
        );
        self.add_methods(
            lt.member_descriptor,
            "member_descriptor",
            classes::MEMBER_METHODS,
        );
        self.add_methods(beg, "BaseExceptionGroup", excgroup::METHODS);
        let syntax_error = self.exc_type(E::SyntaxError);
        self.add_methods(syntax_error, "SyntaxError", evalexec::SYNTAX_ERROR_METHODS);
        self.add_methods(self.t.type_, "type", &[("__new__", classes::TYPE_NEW)]);

        let builtins = self.builtins;
        for (name, t) in [
            ("complex", lt.complex),
            ("bytes", lt.bytes),
            ("bytearray", lt.bytearray),
            ("BaseExceptionGroup", lt.base_exception_group),
            ("ExceptionGroup", lt.exception_group),
        ] {
            let k = self.intern(name);
            let _ = self.dict_set(builtins, k, t);
        }
        for &(name, f) in evalexec::BUILTINS {
            let v = self.def_builtin(name, "", f);
            let k = self.intern(name);
            let _ = self.dict_set(builtins, k, v);
        }
    }

    fn singleton(&mut self, ty: Value, fields: &[Value]) -> Value {
        let v = self.new_record(ty, fields);
        self.immortal.push(v);
        v
    }

    /// A builtin (non-heap) type with one base.
    pub fn make_type(&mut self, name: &str, kind: Kind, base: Value) -> Value {
        let t = shell(self.t.type_, name, kind);
        self.immortal.push(t);
        let d = self.new_dict();
        t.set(T_DICT, d);
        let n = self.new_str(name);
        t.set(T_NAME, n);
        let bases = self.new_tuple(&[base]);
        t.set(T_BASES, bases);
        let mut mro = vec![t];
        mro.extend_from_slice(self.tuple_items(base.get(T_MRO)));
        let mro = self.new_tuple(&mro);
        t.set(T_MRO, mro);
        t
    }

    /// Put native methods into a type's dict.
    pub fn add_methods(
        &mut self,
        t: Value,
        owner: &'static str,
        methods: &[(&'static str, NativeFn)],
    ) {
        for &(name, f) in methods {
            let func = self.def_builtin(name, owner, f);
            let key = self.intern(name);
            let d = t.get(T_DICT);
            self.dict_set(d, key, func).expect("str keys hash");
        }
    }

    fn install_methods(&mut self) {
        use crate::objects::{dict, list, str};
        self.add_methods(self.t.str, "str", str::METHODS);
        self.add_methods(self.t.list, "list", list::METHODS);
        self.add_methods(self.t.dict, "dict", dict::METHODS);
        crate::builtins::install_type_methods(self);
        let ga = self.intern("__getattribute__");
        let sa = self.intern("__setattr__");
        let da = self.intern("__delattr__");
        let d = self.t.object.get(T_DICT);
        self.object_getattribute = self.dict_get_str(d, ga).unwrap_or(Value::NULL);
        self.object_setattr = self.dict_get_str(d, sa).unwrap_or(Value::NULL);
        self.object_delattr = self.dict_get_str(d, da).unwrap_or(Value::NULL);
    }

    /// A module object `[type, dict, name]`.
    pub fn new_module(&mut self, name: &str) -> Value {
        let d = self.new_dict();
        let n = self.new_str(name);
        let m = self.new_record(self.t.module, &[d, n]);
        let k = self.intern("__name__");
        self.dict_set(d, k, n).expect("str key");
        let k = self.intern("__builtins__");
        let b = self.builtins;
        self.dict_set(d, k, b).expect("str key");
        m
    }

    /// Compile and run `source` as the `__main__` module. Returns the
    /// uncaught exception, if any.
    #[cfg(feature = "compiler")]
    pub fn run_source(&mut self, source: &str, filename: &str) -> Result<(), RunError> {
        let arena = bumpalo::Bump::new();
        let module =
            crate::parser::parse_bytes(&arena, source.as_bytes()).map_err(RunError::Syntax)?;
        let code = crate::compile::compile_module(&module, filename).map_err(RunError::Syntax)?;
        if filename != "<string>" {
            // CPython shows no source lines for `-c` code.
            let lines: Vec<String> = source.lines().map(String::from).collect();
            self.sources.insert(filename.to_string(), Rc::new(lines));
        }
        self.run_main(code, filename)
    }

    /// Run an already compiled module code object (from source or from a
    /// bytecode file) as `__main__`. Tracebacks show source lines only for
    /// files registered in `sources`.
    pub fn run_main(
        &mut self,
        code: crate::compile::CodeObject,
        filename: &str,
    ) -> Result<(), RunError> {
        let rt = self.load_code(Rc::new(code));
        let main = self.new_module("__main__");
        self.immortal.push(main);
        let k = self.intern("__main__");
        let modules = self.modules;
        self.dict_set(modules, k, main)
            .map_err(RunError::Exception)?;
        let globals = main.get(1);
        self.set_main_file(globals, filename);
        self.set_sys_path(filename);
        let result = self.run_code(rt, globals, globals);
        self.flush();
        result.map(|_| ()).map_err(RunError::Exception)
    }

    /// Run a module-level code object to completion.
    pub fn run_code(
        &mut self,
        code: Rc<super::CodeRt>,
        globals: Value,
        locals: Value,
    ) -> super::PyResult<Value> {
        let index = self
            .codes
            .iter()
            .position(|c| Rc::ptr_eq(c, &code))
            .unwrap_or(0) as u32;
        self.run_body_code(index, Value::NULL, globals, locals)
    }
}

impl Vm {
    /// `sys.path[0]` = the script's folder; `sys.argv` = `self.argv` as the
    /// command line gave it, or `[filename]` when it is empty.
    fn set_sys_path(&mut self, filename: &str) {
        let key = self.intern("sys");
        let Some(sys) = self.dict_get_str(self.modules, key) else {
            return;
        };
        let path = self.new_list(&[]);
        let ignore_env = crate::vm::cli::options().ignore_environment;
        for dir in crate::builtins::import::initial_sys_path(filename, ignore_env) {
            let d = self.new_str(&dir);
            self.list_append(path, d);
        }
        let k = self.intern("path");
        let _ = self.dict_set(sys.get(1), k, path);
        let argv = self.new_list(&[]);
        if self.argv.is_empty() {
            self.argv.push(filename.to_string());
        }
        for a in self.argv.clone() {
            let v = self.new_str(&a);
            self.list_append(argv, v);
        }
        let k = self.intern("argv");
        let _ = self.dict_set(sys.get(1), k, argv);
    }
}

/// Why running a program stopped.
pub enum RunError {
    Syntax(crate::error::SyntaxError),
    Exception(PyErr),
}
