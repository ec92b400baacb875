//! The exact texts of the errors the scheduler raises: scripts catch and
//! print them, so they must be Stackless's, word for word (as quoted in
//! `stackless-semantics.md`).

use shoal_engine::{ErrorKind, TaskletError, msg};

#[test]
fn messages_are_stacklesss_word_for_word() {
    let expected = [
        (msg::RUN_BLOCKED, "You cannot run a blocked tasklet"),
        (msg::RUN_DEAD, "You cannot run an unbound(dead) tasklet"),
        (msg::REMOVE_BLOCKED, "You cannot remove a blocked tasklet."),
        (
            msg::REMOVE_CURRENT,
            "The current tasklet cannot be removed.",
        ),
        (msg::ALIVE, "tasklet is alive"),
        (msg::THROW_DEAD, "You cannot throw to a dead tasklet"),
        (msg::BLOCK_TRAP, "this tasklet does not like to be blocked."),
        (msg::SWITCH_TRAP, "switch_trap"),
        (msg::CLOSED, "Send/receive operation on a closed channel"),
        (
            msg::DEADLOCK,
            "Deadlock: the last runnable tasklet cannot be blocked.",
        ),
        (
            msg::MAIN_RECEIVING,
            "the main tasklet is receiving without a sender available.",
        ),
        (
            msg::MAIN_SENDING,
            "the main tasklet is sending without a receiver available.",
        ),
        (
            msg::REDUCE_CURRENT,
            "You cannot __reduce__ the tasklet which is current.",
        ),
        (
            msg::RECURSIVE_CHANNEL,
            "Recursive channel call due to callbacks!",
        ),
    ];
    for (actual, spec) in expected {
        assert_eq!(actual, spec);
    }
}

#[test]
fn errors_print_like_python_tracebacks() {
    let e = TaskletError::runtime(msg::DEADLOCK);
    assert_eq!(
        e.to_string(),
        "RuntimeError: Deadlock: the last runnable tasklet cannot be blocked."
    );
    assert_eq!(TaskletError::tasklet_exit().to_string(), "TaskletExit");
    assert!(TaskletError::tasklet_exit().is_tasklet_exit());
    assert_eq!(
        TaskletError::value(msg::CLOSED).kind(),
        &ErrorKind::ValueError
    );
    assert_eq!(
        TaskletError::stop_iteration().kind(),
        &ErrorKind::StopIteration
    );
    let other = TaskletError::new(ErrorKind::Other("IndexError".into()), "x");
    assert_eq!(other.to_string(), "IndexError: x");
    assert_eq!(other.kind().name(), "IndexError");
}
