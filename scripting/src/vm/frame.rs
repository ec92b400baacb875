//! Frames: the small record of a running activation, a thread's call
//! stack (frame records over one value stack shared by all of them), and
//! the frame as data ([`SavedFrame`]) that pickles, snapshots and
//! suspended generators hold.
//!
//! A thread keeps every value its frames hold in one `Vec<Value>`: a
//! frame's locals start at its `base`, its operand stack at `sp`, and the
//! next frame's locals start where its operands end. Calling a function
//! leaves the arguments where the caller pushed them (they become the
//! callee's first locals); returning truncates the vector to the callee's
//! base and pushes the result. Nothing is moved or allocated per call.

use std::ops::{Deref, DerefMut};

use super::OnReturn;
use crate::heap::Attrs;
use crate::value::{ObjId, Value};

/// The value of an unbound local in a thread's value stack.
pub(crate) const UNBOUND: Value = Value::NULL;

/// One running activation of a code object: a small record on its
/// thread's [`CallStack`]. Its locals and operands live in the stack's
/// values (with the callable in the slot below its locals); what few
/// frames need (cells, exception handlers, a class body's namespace, a
/// generator) lives in [`FrameExtra`], made on first use.
#[derive(Debug, Clone)]
pub struct Frame {
    /// Index of the code in [`super::Vm::codes`].
    pub code: u32,
    /// Where its locals start in the thread's value stack.
    pub base: u32,
    /// Where its operand stack starts (just above its locals).
    pub sp: u32,
    /// The module whose globals the code uses.
    pub module: ObjId,
    /// The next instruction.
    pub ip: usize,
    /// The function running (for `super()`).
    pub func: Option<ObjId>,
    /// What happens to the value the frame returns.
    pub on_return: OnReturn,
    /// What few frames need.
    pub extra: Option<Box<FrameExtra>>,
}

/// A block mark that is not known (a frame restored from before marks
/// were kept).
pub(crate) const NO_MARK: u32 = u32::MAX;

/// The parts of a frame that most calls do without.
#[derive(Debug, Clone, Default)]
pub struct FrameExtra {
    /// Cells: this code's cell variables, then its free variables.
    pub cells: Vec<ObjId>,
    /// Active exception handlers: (handler address, operand depth).
    pub blocks: Vec<(u32, u32)>,
    /// How many exceptions were being handled when each block was set
    /// up ([`NO_MARK`] where unknown): an exception caught by the block
    /// ends the `except` clauses entered since.
    pub marks: Vec<u32>,
    /// Exceptions being handled by `except` clauses (innermost last).
    pub handling: Vec<Value>,
    /// A class body's namespace.
    pub class_ns: Option<Box<Attrs>>,
    /// The generator this frame belongs to.
    pub generator: Option<ObjId>,
    /// The return value of the last generator a `ForIter` exhausted.
    pub gen_return: Value,
}

impl Frame {
    /// A frame of `code` with no cells, handlers or generator, whose
    /// locals start at `base` and operands at `sp`.
    pub(crate) fn new(
        code: u32,
        module: ObjId,
        func: Option<ObjId>,
        base: usize,
        sp: usize,
    ) -> Frame {
        Frame {
            code,
            base: base as u32,
            sp: sp as u32,
            module,
            ip: 0,
            func,
            on_return: OnReturn::Push,
            extra: None,
        }
    }

    /// A copy of the record without its extra part (taken apart by
    /// [`SavedFrame::from_parts`]).
    fn clone_record(&self) -> Frame {
        Frame {
            on_return: self.on_return.clone(),
            extra: None,
            ..*self
        }
    }

    /// The frame's rarely used parts, made if need be.
    pub(crate) fn extra_mut(&mut self) -> &mut FrameExtra {
        self.extra.get_or_insert_with(Box::default)
    }

    /// Cell `i` (of [`FrameExtra::cells`]).
    pub(crate) fn cell(&self, i: usize) -> Option<ObjId> {
        self.extra.as_ref()?.cells.get(i).copied()
    }

    /// The generator this frame belongs to.
    #[inline]
    pub(crate) fn generator(&self) -> Option<ObjId> {
        self.extra.as_ref()?.generator
    }

    /// Pops the innermost exception handler.
    pub(crate) fn pop_block(&mut self) -> Option<(u32, u32)> {
        let extra = self.extra.as_mut()?;
        if extra.marks.len() == extra.blocks.len() {
            extra.marks.pop();
        }
        extra.blocks.pop()
    }

    /// Sets up an exception block at operand depth `depth`.
    pub(crate) fn push_block(&mut self, handler: u32, depth: u32) {
        let extra = self.extra_mut();
        while extra.marks.len() < extra.blocks.len() {
            extra.marks.push(NO_MARK);
        }
        extra.marks.push(extra.handling.len() as u32);
        extra.blocks.push((handler, depth));
    }

    /// Pops the innermost block for an exception it catches, ending the
    /// `except` clauses entered inside it (their exceptions no longer
    /// being handled).
    pub(crate) fn pop_block_catching(&mut self) -> Option<(u32, u32)> {
        let extra = self.extra.as_mut()?;
        let mark = (extra.marks.len() == extra.blocks.len())
            .then(|| extra.marks.pop())
            .flatten();
        let block = extra.blocks.pop()?;
        if let Some(m) = mark
            && m != NO_MARK
        {
            extra.handling.truncate(m as usize);
        }
        Some(block)
    }

    /// Ends the innermost `except` clause.
    pub(crate) fn pop_handling(&mut self) {
        if let Some(e) = &mut self.extra {
            e.handling.pop();
        }
    }

    /// The exception the innermost `except` clause handles.
    pub(crate) fn handling(&self) -> Option<Value> {
        self.extra.as_ref()?.handling.last().copied()
    }

    /// The class body's namespace.
    pub(crate) fn class_ns(&mut self) -> Option<&mut Attrs> {
        self.extra.as_mut()?.class_ns.as_deref_mut()
    }

    /// Takes what the last generator a `ForIter` exhausted returned.
    pub(crate) fn take_gen_return(&mut self) -> Value {
        self.extra.as_mut().map_or(Value::None, |e| {
            std::mem::replace(&mut e.gen_return, Value::None)
        })
    }

    /// Records what the last generator a `ForIter` exhausted returned.
    pub(crate) fn set_gen_return(&mut self, v: Value) {
        if v != Value::None || self.extra.is_some() {
            self.extra_mut().gen_return = v;
        }
    }

    /// The values the record holds beyond its locals and operands (for
    /// the collector).
    fn roots(&self, roots: &mut Vec<Value>) {
        roots.push(Value::Obj(self.module));
        roots.extend(self.func.map(Value::Obj));
        if let Some(e) = &self.extra {
            roots.extend(e.cells.iter().map(|c| Value::Obj(*c)));
            roots.extend(e.handling.iter().copied());
            roots.extend(e.generator.map(Value::Obj));
            roots.push(e.gen_return);
            if let Some(ns) = &e.class_ns {
                roots.extend(ns.values().copied());
            }
        }
        on_return_roots(&self.on_return, roots);
    }
}

/// The objects an [`OnReturn`] holds.
fn on_return_roots(on_return: &OnReturn, roots: &mut Vec<Value>) {
    match on_return {
        OnReturn::Init(id) | OnReturn::Import(id) => roots.push(Value::Obj(*id)),
        OnReturn::BuildClass(body) => {
            roots.extend(body.bases.iter().map(|b| Value::Obj(*b)));
            roots.extend(body.meta);
            roots.extend(body.keywords.iter().map(|(_, v)| *v));
        }
        OnReturn::Cont(c) => c.roots(roots),
        _ => {}
    }
}

/// A thread's frames, innermost last, over the one value stack that holds
/// their locals and operands. Reads as a slice of frame records; frames
/// come and go only through its methods, which keep the values in step.
#[derive(Debug, Clone, Default)]
pub struct CallStack {
    /// The frame records.
    pub(crate) records: Vec<Frame>,
    /// Every frame's locals then operands, outermost frame first.
    pub(crate) values: Vec<Value>,
    /// Emptied operand and local vectors of saved frames that came back
    /// (generators resuming), reused when a generator suspends again.
    spare: Vec<(Vec<Value>, Vec<Option<Value>>)>,
}

/// The most emptied vectors a call stack keeps for reuse.
const SPARE: usize = 16;

impl Deref for CallStack {
    type Target = [Frame];
    fn deref(&self) -> &[Frame] {
        &self.records
    }
}

impl DerefMut for CallStack {
    fn deref_mut(&mut self) -> &mut [Frame] {
        &mut self.records
    }
}

impl CallStack {
    /// Pushes a frame whose callable, locals and operands are already in
    /// place (from `base - 1` up).
    #[inline]
    pub(crate) fn push(&mut self, frame: Frame) {
        self.records.push(frame);
    }

    /// Pushes a frame with `locals` (unbound ones `None`) at the top of
    /// the value stack, above a slot for its callable; its `base` and `sp`
    /// are set here.
    pub(crate) fn enter(
        &mut self,
        mut frame: Frame,
        locals: impl IntoIterator<Item = Option<Value>>,
    ) {
        self.values.push(frame.func.map_or(Value::None, Value::Obj));
        let base = self.values.len();
        self.values
            .extend(locals.into_iter().map(|v| v.unwrap_or(UNBOUND)));
        frame.base = base as u32;
        frame.sp = self.values.len() as u32;
        self.records.push(frame);
    }

    /// Pops the innermost frame, dropping its callable, locals and
    /// operands.
    #[inline]
    pub(crate) fn pop(&mut self) -> Option<Frame> {
        let frame = self.records.pop()?;
        self.values.truncate(frame.base as usize - 1);
        Some(frame)
    }

    /// Keeps the outermost `n` frames.
    pub(crate) fn truncate(&mut self, n: usize) {
        if let Some(f) = self.records.get(n) {
            self.values.truncate(f.base as usize - 1);
        }
        self.records.truncate(n);
    }

    /// Drops every frame.
    pub(crate) fn clear(&mut self) {
        self.records.clear();
        self.values.clear();
    }

    /// Reserves room for exactly `n` more frame records.
    pub(crate) fn reserve_exact(&mut self, n: usize) {
        self.records.reserve_exact(n);
    }

    /// The operand stack of the innermost frame.
    #[inline]
    pub(crate) fn operands(&self) -> &[Value] {
        let sp = self.records.last().map_or(0, |f| f.sp as usize);
        &self.values[sp.min(self.values.len())..]
    }

    /// The first local of the innermost frame, if bound.
    pub(crate) fn first_local(&self) -> Option<Value> {
        let f = self.records.last()?;
        (f.sp > f.base)
            .then(|| self.values.get(f.base as usize).copied())
            .flatten()
            .filter(|v| *v != UNBOUND)
    }

    /// The values every frame holds (for the collector).
    pub(crate) fn roots(&self, roots: &mut Vec<Value>) {
        roots.extend(self.values.iter().copied().filter(|v| *v != UNBOUND));
        for f in &self.records {
            f.roots(roots);
        }
    }

    /// The bytes the frames and their values hold.
    pub(crate) fn bytes(&self) -> usize {
        self.records.capacity() * size_of::<Frame>()
            + self.values.capacity() * size_of::<Value>()
            + self
                .records
                .iter()
                .filter_map(|f| f.extra.as_ref())
                .map(|e| size_of::<FrameExtra>() + e.cells.len() * 4 + e.blocks.len() * 8)
                .sum::<usize>()
    }

    /// Copies frame `i`'s operands into `stack` and its locals into
    /// `locals` (both empty).
    fn copy_values(&self, i: usize, stack: &mut Vec<Value>, locals: &mut Vec<Option<Value>>) {
        let f = &self.records[i];
        let end = self
            .records
            .get(i + 1)
            .map_or(self.values.len(), |next| next.base as usize - 1);
        let (base, sp) = (f.base as usize, f.sp as usize);
        stack.extend_from_slice(&self.values[sp..end]);
        locals.extend(
            self.values[base..sp]
                .iter()
                .map(|v| (*v != UNBOUND).then_some(*v)),
        );
    }

    /// Frame `i` as data (a copy).
    fn save_frame(&self, i: usize) -> SavedFrame {
        let (mut stack, mut locals) = (Vec::new(), Vec::new());
        self.copy_values(i, &mut stack, &mut locals);
        let f = &self.records[i];
        let extra = f.extra.as_deref().cloned().unwrap_or_default();
        SavedFrame::from_parts(f.clone_record(), extra, stack, locals)
    }

    /// Every frame as data, outermost first.
    pub(crate) fn save(&self) -> Vec<SavedFrame> {
        (0..self.records.len())
            .map(|i| self.save_frame(i))
            .collect()
    }

    /// A call stack of frames saved by [`CallStack::save`].
    pub(crate) fn load(saved: Vec<SavedFrame>) -> CallStack {
        let mut stack = CallStack::default();
        for f in saved {
            stack.push_saved(f);
        }
        stack
    }

    /// Pushes a saved frame (a generator resuming, a loaded thread).
    pub(crate) fn push_saved(&mut self, saved: SavedFrame) {
        let SavedFrame {
            code,
            ip,
            mut stack,
            mut locals,
            cells,
            blocks,
            marks,
            handling,
            module,
            func,
            class_ns,
            on_return,
            generator,
            gen_return,
        } = saved;
        let plain = cells.is_empty()
            && blocks.is_empty()
            && handling.is_empty()
            && class_ns.is_none()
            && generator.is_none()
            && gen_return == Value::None;
        let frame = Frame {
            code,
            base: 0,
            sp: 0,
            module,
            ip,
            func,
            on_return,
            extra: (!plain).then(|| {
                Box::new(FrameExtra {
                    cells,
                    blocks,
                    marks,
                    handling,
                    class_ns,
                    generator,
                    gen_return,
                })
            }),
        };
        self.enter(frame, locals.drain(..));
        self.values.append(&mut stack);
        if self.spare.len() < SPARE {
            self.spare.push((stack, locals));
        }
    }

    /// Pops the innermost frame as data (a generator suspending).
    pub(crate) fn pop_saved(&mut self) -> Option<SavedFrame> {
        let i = self.records.len().checked_sub(1)?;
        let (mut stack, mut locals) = self.spare.pop().unwrap_or_default();
        self.copy_values(i, &mut stack, &mut locals);
        // The record's parts move into the saved frame, uncopied.
        let mut frame = self.pop()?;
        let extra = frame.extra.take().map(|e| *e).unwrap_or_default();
        Some(SavedFrame::from_parts(frame, extra, stack, locals))
    }
}

/// A frame as data: its own operand stack and locals. Pickles and
/// snapshots save frames in this form, and a suspended generator keeps
/// its frame so.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SavedFrame {
    /// Index of the code in [`super::Vm::codes`].
    pub code: u32,
    /// The next instruction.
    pub ip: usize,
    /// The value stack.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stack: Vec<Value>,
    /// Local variables (`None`: unbound).
    pub locals: Vec<Option<Value>>,
    /// Cells: this code's cell variables, then its free variables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<ObjId>,
    /// Active exception handlers: (handler address, stack depth).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<(u32, u32)>,
    /// The handling depth each block was set up at (see `FrameExtra`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<u32>,
    /// Exceptions being handled by `except` clauses (innermost last).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handling: Vec<Value>,
    /// The module whose globals the code uses.
    pub module: ObjId,
    /// The function running (for `super()`).
    pub func: Option<ObjId>,
    /// A class body's namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_ns: Option<Box<Attrs>>,
    /// What happens to the value the frame returns.
    pub on_return: OnReturn,
    /// The generator this frame belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<ObjId>,
    /// The return value of the last generator a `ForIter` exhausted.
    #[serde(default, skip_serializing_if = "Value::is_none")]
    pub gen_return: Value,
}

impl SavedFrame {
    /// A saved frame of `frame`'s record, its `extra` parts and its values.
    fn from_parts(
        frame: Frame,
        extra: FrameExtra,
        stack: Vec<Value>,
        locals: Vec<Option<Value>>,
    ) -> SavedFrame {
        SavedFrame {
            code: frame.code,
            ip: frame.ip,
            stack,
            locals,
            cells: extra.cells,
            blocks: extra.blocks,
            marks: extra.marks,
            handling: extra.handling,
            module: frame.module,
            func: frame.func,
            class_ns: extra.class_ns,
            on_return: frame.on_return,
            generator: extra.generator,
            gen_return: extra.gen_return,
        }
    }

    /// Calls `f` on every object index the frame holds, mutably.
    pub(crate) fn remap_ids(&mut self, f: &mut dyn FnMut(&mut ObjId)) {
        let value = crate::heap::remap_value;
        self.stack.iter_mut().for_each(|v| value(v, f));
        self.locals.iter_mut().flatten().for_each(|v| value(v, f));
        self.cells.iter_mut().for_each(&mut *f);
        self.handling.iter_mut().for_each(|v| value(v, f));
        f(&mut self.module);
        if let Some(func) = &mut self.func {
            f(func);
        }
        if let Some(g) = &mut self.generator {
            f(g);
        }
        value(&mut self.gen_return, f);
        if let Some(ns) = &mut self.class_ns {
            ns.values_mut().for_each(|v| value(v, f));
        }
        match &mut self.on_return {
            OnReturn::Init(id) | OnReturn::Import(id) => f(id),
            OnReturn::BuildClass(body) => {
                body.bases.iter_mut().for_each(&mut *f);
                if let Some(m) = &mut body.meta {
                    value(m, f);
                }
                body.keywords.iter_mut().for_each(|(_, v)| value(v, f));
            }
            OnReturn::Cont(c) => c.remap_ids(f),
            _ => {}
        }
    }
}
