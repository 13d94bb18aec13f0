//! Run-time JIT settings, parsed from `--jit key=value,...` in the style of
//! PyPy's `--jit`: `off`, `threshold=N`, `function_threshold=N`,
//! `trace_limit=N`, `trace_eagerness=N`, `longevity=N`. Defaults are PyPy's
//! except `longevity` (PyPy's `loop_longevity` is 1000; ours counts
//! compilations, not guard failures, so it is smaller).

/// The JIT's knobs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JitSettings {
    pub enabled: bool,
    /// Backward jumps to one loop header before it is traced.
    pub threshold: u32,
    /// Calls of one function before its entry is traced (see docs/jit.md:
    /// function-entry traces are not built yet; the value is accepted and kept).
    pub function_threshold: u32,
    /// Operations in one trace before recording aborts.
    pub trace_limit: u32,
    /// Failures of one guard before a bridge is traced from it.
    pub trace_eagerness: u32,
    /// Compilations a trace may go unentered before it is retired and its
    /// code freed (see docs/jit.md, Lifetimes).
    pub longevity: u32,
}

impl Default for JitSettings {
    fn default() -> Self {
        JitSettings {
            enabled: true,
            threshold: 1039,
            function_threshold: 1619,
            trace_limit: 6000,
            trace_eagerness: 200,
            longevity: 200,
        }
    }
}

impl JitSettings {
    /// Parse `off`, `on`, or comma-separated `key=value` pairs over the defaults.
    pub fn parse(text: &str) -> Result<JitSettings, String> {
        let mut s = JitSettings::default();
        s.apply(text)?;
        Ok(s)
    }

    /// Apply `text` on top of these settings.
    pub fn apply(&mut self, text: &str) -> Result<(), String> {
        for item in text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            match item {
                "off" => {
                    self.enabled = false;
                    continue;
                }
                "on" => {
                    self.enabled = true;
                    continue;
                }
                _ => {}
            }
            let Some((key, value)) = item.split_once('=') else {
                return Err(format!(
                    "--jit: expected off, on or key=value, got {item:?}"
                ));
            };
            let n: u32 = value
                .trim()
                .parse()
                .map_err(|_| format!("--jit: {key} needs a non-negative integer, got {value:?}"))?;
            match key.trim() {
                "threshold" => self.threshold = n.max(1),
                "function_threshold" => self.function_threshold = n.max(1),
                "trace_limit" => self.trace_limit = n,
                "trace_eagerness" => self.trace_eagerness = n.max(1),
                "longevity" => self.longevity = n.max(1),
                other => {
                    return Err(format!(
                        "--jit: unknown setting {other:?} (known: off, threshold, \
                         function_threshold, trace_limit, trace_eagerness, longevity)"
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pypy_style_settings() {
        assert!(!JitSettings::parse("off").unwrap().enabled);
        let s = JitSettings::parse("threshold=5,trace_limit=100").unwrap();
        assert_eq!((s.threshold, s.trace_limit), (5, 100));
        assert_eq!(s.trace_eagerness, 200);
        assert!(JitSettings::parse("threshold=x").is_err());
        assert!(
            JitSettings::parse("speed=3")
                .unwrap_err()
                .contains("unknown")
        );
        assert!(JitSettings::parse("fast").is_err());
    }

    #[test]
    fn parses_longevity() {
        assert_eq!(JitSettings::default().longevity, 200);
        let s = JitSettings::parse("threshold=3,longevity=7").unwrap();
        assert_eq!((s.threshold, s.longevity), (3, 7));
        // Zero would retire every trace at once: the least is one aging.
        assert_eq!(JitSettings::parse("longevity=0").unwrap().longevity, 1);
        let err = JitSettings::parse("longevity=-1").unwrap_err();
        assert!(
            err.contains("longevity needs a non-negative integer"),
            "{err}"
        );
        assert!(
            JitSettings::parse("speed=1")
                .unwrap_err()
                .contains("longevity")
        );
    }

    #[test]
    fn the_driver_takes_longevity_from_the_settings() {
        let settings = JitSettings::parse("longevity=9").unwrap();
        assert_eq!(crate::driver::JitState::new(settings).longevity, 9);
    }
}
