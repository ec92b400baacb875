//! `stackless.select` and `stackless.join` in scripts: ready cases,
//! defaults, blocking in several queues at once, timeouts, kills, joins of
//! all and of M channels, and the errors; and tasklet priorities
//! (docs/select.md describes the rules these outputs follow).

use shoal_engine::Scheduler;
use shoal_scripting::host::CapturedOutput;
use shoal_scripting::stackless::run_shared;
use shoal_scripting::vm::{Status, Vm};

fn run_script(source: &str) -> String {
    let _scheduler = Scheduler::new();
    let out = CapturedOutput::default();
    let mut vm = Vm::new(Box::new(out.clone()), Box::new(out.clone()));
    vm.load_main("select.py", source).expect("compiles");
    let vm = vm.into_shared();
    assert_eq!(run_shared(&vm), Status::Finished, "{}", out.text());
    out.text()
}

const SELECT: &str = r#"import stackless

a, b, c = stackless.channel(), stackless.channel(), stackless.channel()
print(type(a.receive_case()).__name__, b.send_case(5).value, b.send_case(5).sending)
print(stackless.select([a.receive_case(), b.receive_case()], default="nothing"))

def producer(ch, v):
    ch.send(v)

stackless.tasklet(producer)(b, "from b")
stackless.run()
print("balance b", b.balance)
print(stackless.select([a.receive_case(), b.receive_case()]))

got = []
def selector():
    got.append(stackless.select([a.receive_case(), b.send_case("sent on b"), c.receive_case()]))

t = stackless.tasklet(selector)()
stackless.run()
print("waiting", t.blocked, a.balance, b.balance, c.balance)
print("main receives", b.receive())
stackless.run()
print(got, a.balance, b.balance, c.balance)

def timed():
    got.append(stackless.select([a.receive_case()], timeout=0.01))
stackless.tasklet(timed)()
stackless.run()
print(got[-1], a.balance)

t = stackless.tasklet(selector)()
stackless.run()
t.kill()
print("after kill", a.balance, b.balance, c.balance, t.alive)
"#;

#[test]
fn select_completes_one_case_and_leaves_the_other_queues() {
    assert_eq!(
        run_script(SELECT),
        "select_case 5 True\n\
         (-1, 'nothing')\n\
         balance b 1\n\
         (1, 'from b')\n\
         waiting True -1 1 -1\n\
         main receives sent on b\n\
         [(1, None)] 0 0 0\n\
         (-1, None) 0\n\
         after kill 0 0 0 False\n"
    );
}

const JOIN: &str = r#"import stackless

def producer(ch, v):
    ch.send(v)

chans = [stackless.channel() for i in range(3)]
res = []
def joiner():
    res.append(stackless.join(chans))
j = stackless.tasklet(joiner)()
stackless.run()
print("joiner blocked", j.blocked, [ch.balance for ch in chans])
for i, ch in enumerate(chans):
    stackless.tasklet(producer)(ch, i * 10)
stackless.run()
print(res, [ch.balance for ch in chans])

for i, ch in enumerate(chans):
    stackless.tasklet(producer)(ch, i)
stackless.run()
print(len(stackless.join(chans, count=2)), sum(ch.balance for ch in chans))
print(stackless.join(chans, count=2, default="not yet"))
print(len(stackless.join(chans, 1)), sum(ch.balance for ch in chans))
print(stackless.join(chans, ticks=0, default=None))
"#;

#[test]
fn join_takes_values_from_all_or_some_channels_at_once() {
    assert_eq!(
        run_script(JOIN),
        "joiner blocked True [0, 0, 0]\n\
         [[(0, 0), (1, 10), (2, 20)]] [0, 0, 0]\n\
         2 1\n\
         not yet\n\
         1 0\n\
         None\n"
    );
}

const ERRORS: &str = r#"import pickle
import stackless

a = stackless.channel()
for bad in [lambda: stackless.select([1]),
            lambda: stackless.select([a.receive_case(), a.send_case(1)]),
            lambda: stackless.join([a], count=3),
            lambda: stackless.join([]),
            lambda: stackless.select([], bogus=1),
            lambda: stackless.select([a.receive_case()], timeout=-1),
            lambda: stackless.select([a.receive_case()], timeout=1, ticks=1),
            lambda: stackless.select([a.receive_case()]),
            lambda: stackless.join([a, 5])]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__ + ":", e)

t = stackless.tasklet(lambda: stackless.select([a.receive_case()]))()
stackless.run()
try:
    pickle.dumps(t)
except RuntimeError as e:
    print("RuntimeError:", e)
t.kill()
"#;

#[test]
fn bad_selects_and_joins_get_clear_errors() {
    assert_eq!(
        run_script(ERRORS),
        "TypeError: select() cases are made by channel.receive_case() and channel.send_case(), not 'int'\n\
         ValueError: a channel may appear in only one case\n\
         ValueError: join() count must be between 1 and 1, not 3\n\
         ValueError: join() needs at least one channel\n\
         TypeError: select() got an unexpected keyword argument 'bogus'\n\
         ValueError: select() timeout must be a non-negative number of seconds\n\
         TypeError: select() takes a timeout or ticks, not both\n\
         RuntimeError: Deadlock: the last runnable tasklet cannot be blocked.\n\
         TypeError: join() takes channels, not 'int'\n\
         RuntimeError: Shoal cannot pickle a tasklet inside a nested stackless.run(), select() or join()\n"
    );
}

const PRIORITY: &str = r#"import pickle
import stackless

log = []
def looper(name, n):
    for i in range(n):
        log.append("%s%d" % (name, i))
        stackless.schedule()

a = stackless.tasklet(looper)("a", 2)
b = stackless.tasklet(looper)("b", 2)
h = stackless.tasklet(looper)("h", 2)
h.priority = 1
print(a.priority, h.priority, stackless.current.priority)
stackless.run()
print(log)

class T(stackless.tasklet):
    pass

t = T(looper)("t", 1)
t.priority = 7
print(t.priority, t.__dict__)
for bad in ["x", 2**40, 2**100, 1.5]:
    try:
        t.priority = bad
    except Exception as e:
        print(type(e).__name__, e)
t.kill()

def idle():
    stackless.schedule_remove()
u = stackless.tasklet(idle)()
u.priority = -3
stackless.run()
print("pickled", pickle.loads(pickle.dumps(u)).priority)
u.kill()
"#;

#[test]
fn priorities_order_script_tasklets_and_survive_pickling() {
    assert_eq!(
        run_script(PRIORITY),
        "0 1 0\n\
         ['h0', 'h1', 'a0', 'b0', 'a1', 'b1']\n\
         7 {}\n\
         TypeError a tasklet's priority must be an int, not 'str'\n\
         OverflowError a tasklet's priority must fit in 32 bits\n\
         OverflowError a tasklet's priority must fit in 32 bits\n\
         TypeError a tasklet's priority must be an int, not 'float'\n\
         pickled -3\n"
    );
}

const EDGES: &str = r#"import pickle
import stackless

class C(stackless.channel):
    pass

c = C()
print(stackless.join([c], default="none waiting"))
print(stackless.select([c.receive_case()], ticks=0), stackless.select([c.receive_case()], timeout=0))
print(stackless.select([c.receive_case()], timeout=10**30, default="big timeout"))
for bad in [lambda: stackless.select(c, default=None),
            lambda: stackless.join(c),
            lambda: stackless.join([c], 1, count=1)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

def sender():
    c.send("kept")

stackless.tasklet(sender)()
stackless.run()
print(c.balance, stackless.select([c.receive_case()]))

t = stackless.tasklet()
t.priority = 5
t.bind(lambda: None)
print("unbound priority kept", t.priority)
t.setup()
stackless.run()

w = stackless.tasklet(lambda: stackless.select([c.receive_case()]))()
stackless.run()
print("restorable in a select", w.restorable)
w.kill()
"#;

#[test]
fn channel_subclasses_zero_timeouts_and_misuse() {
    assert_eq!(
        run_script(EDGES),
        "none waiting\n\
         (-1, None) (-1, None)\n\
         (-1, 'big timeout')\n\
         TypeError: select() takes a list of cases, not a channel\n\
         TypeError: join() takes a list of channels, not a channel\n\
         TypeError: join() got multiple values for argument 'count'\n\
         1 (0, 'kept')\n\
         unbound priority kept 5\n\
         restorable in a select False\n"
    );
}
