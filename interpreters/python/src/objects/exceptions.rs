//! The builtin exception hierarchy.
//!
//! Exception types are ordinary type objects of kind `Instance`: an exception
//! is an instance whose `args`, `__traceback__`, `__context__`, `__cause__`
//! and `__suppress_context__` are attributes in shape slots, so user
//! subclasses add attributes the same way. The traceback is a list of
//! `(code, line)` pairs, innermost first (the VM prints it reversed).

use super::Value;
use crate::vm::Vm;

macro_rules! exceptions {
    ($($name:ident : $base:ident,)*) => {
        /// The builtin exception types, in definition order (bases first).
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        #[allow(clippy::enum_variant_names)]
        pub enum E { $($name,)* }

        /// Each exception's name and base (itself for the root).
        pub const HIERARCHY: &[(E, &str, E)] = &[$((E::$name, stringify!($name), E::$base),)*];
    };
}

exceptions! {
    BaseException: BaseException,
    SystemExit: BaseException,
    KeyboardInterrupt: BaseException,
    GeneratorExit: BaseException,
    Exception: BaseException,
    StopIteration: Exception,
    StopAsyncIteration: Exception,
    ArithmeticError: Exception,
    FloatingPointError: ArithmeticError,
    OverflowError: ArithmeticError,
    ZeroDivisionError: ArithmeticError,
    AssertionError: Exception,
    AttributeError: Exception,
    BufferError: Exception,
    EOFError: Exception,
    ImportError: Exception,
    ModuleNotFoundError: ImportError,
    LookupError: Exception,
    IndexError: LookupError,
    KeyError: LookupError,
    MemoryError: Exception,
    NameError: Exception,
    UnboundLocalError: NameError,
    OSError: Exception,
    FileNotFoundError: OSError,
    FileExistsError: OSError,
    PermissionError: OSError,
    IsADirectoryError: OSError,
    NotADirectoryError: OSError,
    TimeoutError: OSError,
    ReferenceError: Exception,
    RuntimeError: Exception,
    NotImplementedError: RuntimeError,
    RecursionError: RuntimeError,
    SyntaxError: Exception,
    IndentationError: SyntaxError,
    TabError: IndentationError,
    SystemError: Exception,
    TypeError: Exception,
    ValueError: Exception,
    UnicodeError: ValueError,
    UnicodeDecodeError: UnicodeError,
    UnicodeEncodeError: UnicodeError,
    Warning: Exception,
    DeprecationWarning: Warning,
    UserWarning: Warning,
    RuntimeWarning: Warning,
}

impl Vm {
    /// The type object of a builtin exception.
    #[inline]
    pub fn exc_type(&self, e: E) -> Value {
        self.exc_types[e as usize]
    }

    /// Is `v` an instance of exception type `e` (or a subclass)?
    pub fn exc_matches(&mut self, exc: Value, e: E) -> bool {
        let ty = self.type_of(exc);
        let target = self.exc_type(e);
        self.is_subtype(ty, target)
    }
}
