//! Shoal's script language: a Python 3 subset run by a VM whose frames are
//! data, so script tasklets switch in nanoseconds, can be preempted by
//! instruction count and can be serialized mid-function.
//!
//! The language lands with issue 3 and the `stackless` module with issue 4;
//! this crate is laid down now so the workspace has its final shape.
