//! Redcode instructions as they sit in core: opcode, modifier, two
//! addressing modes and two fields.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An opcode, in pMARS's order (its numbering feeds the `-f` checksum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum Opcode {
    Mov,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Jmz,
    Jmn,
    Djn,
    Cmp,
    Slt,
    Spl,
    Dat,
    Jmp,
    Seq,
    Sne,
    Nop,
    Ldp,
    Stp,
}

impl Opcode {
    /// Every opcode, in pMARS's order.
    pub const ALL: [Opcode; 19] = [
        Opcode::Mov,
        Opcode::Add,
        Opcode::Sub,
        Opcode::Mul,
        Opcode::Div,
        Opcode::Mod,
        Opcode::Jmz,
        Opcode::Jmn,
        Opcode::Djn,
        Opcode::Cmp,
        Opcode::Slt,
        Opcode::Spl,
        Opcode::Dat,
        Opcode::Jmp,
        Opcode::Seq,
        Opcode::Sne,
        Opcode::Nop,
        Opcode::Ldp,
        Opcode::Stp,
    ];

    /// The opcode's name in upper case.
    pub fn name(self) -> &'static str {
        [
            "MOV", "ADD", "SUB", "MUL", "DIV", "MOD", "JMZ", "JMN", "DJN", "CMP", "SLT", "SPL",
            "DAT", "JMP", "SEQ", "SNE", "NOP", "LDP", "STP",
        ][self as usize]
    }

    /// The opcode named `name` (upper case).
    pub fn from_name(name: &str) -> Option<Opcode> {
        Opcode::ALL.into_iter().find(|op| op.name() == name)
    }
}

/// An instruction modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum Modifier {
    A,
    B,
    AB,
    BA,
    F,
    X,
    I,
}

impl Modifier {
    /// Every modifier, in pMARS's order.
    pub const ALL: [Modifier; 7] = [
        Modifier::A,
        Modifier::B,
        Modifier::AB,
        Modifier::BA,
        Modifier::F,
        Modifier::X,
        Modifier::I,
    ];

    /// The modifier's name in upper case.
    pub fn name(self) -> &'static str {
        ["A", "B", "AB", "BA", "F", "X", "I"][self as usize]
    }

    /// The modifier named `name` (upper case).
    pub fn from_name(name: &str) -> Option<Modifier> {
        Modifier::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// An addressing mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum Mode {
    /// `#`
    Immediate,
    /// `$`
    Direct,
    /// `@`: indirect through the B-field.
    IndirectB,
    /// `<`: indirect through the B-field, decremented first.
    PredecB,
    /// `>`: indirect through the B-field, incremented after.
    PostincB,
    /// `*`: indirect through the A-field.
    IndirectA,
    /// `{`: indirect through the A-field, decremented first.
    PredecA,
    /// `}`: indirect through the A-field, incremented after.
    PostincA,
}

impl Mode {
    /// Every mode, in the order of their symbols `#$@<>*{}`.
    pub const ALL: [Mode; 8] = [
        Mode::Immediate,
        Mode::Direct,
        Mode::IndirectB,
        Mode::PredecB,
        Mode::PostincB,
        Mode::IndirectA,
        Mode::PredecA,
        Mode::PostincA,
    ];

    /// The mode's symbol.
    pub fn symbol(self) -> char {
        b"#$@<>*{}"[self as usize] as char
    }

    /// The mode written `c`.
    pub fn from_symbol(c: char) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.symbol() == c)
    }

    /// pMARS's number for the mode (A-field modes carry bit 0x80), as its
    /// `-f` checksum sees it.
    pub fn pmars_code(self) -> u8 {
        match self {
            Mode::IndirectA => 0x82,
            Mode::PredecA => 0x83,
            Mode::PostincA => 0x84,
            m => m as u8,
        }
    }
}

/// One core cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Instruction {
    pub opcode: Opcode,
    pub modifier: Modifier,
    pub a_mode: Mode,
    pub b_mode: Mode,
    /// The A-field, in `0..coresize`.
    pub a: u32,
    /// The B-field, in `0..coresize`.
    pub b: u32,
}

impl Instruction {
    /// `DAT.F $0, $0`: what an empty core holds.
    pub const EMPTY: Instruction = Instruction {
        opcode: Opcode::Dat,
        modifier: Modifier::F,
        a_mode: Mode::Direct,
        b_mode: Mode::Direct,
        a: 0,
        b: 0,
    };

    /// The instruction as pMARS lists it (`MOV.I  $     0, $     1`),
    /// fields shown between `-coresize/2` and `coresize/2`.
    pub fn display(&self, coresize: u32) -> Listing<'_> {
        Listing {
            instruction: self,
            coresize,
        }
    }
}

/// An [`Instruction`] formatted as pMARS formats a core cell.
pub struct Listing<'a> {
    instruction: &'a Instruction,
    coresize: u32,
}

/// A field as pMARS shows it: above half the core it is negative.
pub fn signed_field(value: u32, coresize: u32) -> i64 {
    if value > coresize / 2 {
        i64::from(value) - i64::from(coresize)
    } else {
        i64::from(value)
    }
}

impl fmt::Display for Listing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = self.instruction;
        write!(
            f,
            "{:>3}.{:<2} {}{:>6}, {}{:>6}",
            i.opcode.name(),
            i.modifier.name(),
            i.a_mode.symbol(),
            signed_field(i.a, self.coresize),
            i.b_mode.symbol(),
            signed_field(i.b, self.coresize)
        )
    }
}
