//! The tutorial interpreter (docs/tutorial.md): Brainfuck written against
//! retrace, one hint at a time. Being written this session.
