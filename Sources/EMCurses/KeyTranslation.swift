import CNcursesw
import EMTUI

/// Pure translation of what `wget_wch` returns into the app's `Key` and `MouseEvent` values.
enum KeyTranslation {
    /// The key for a curses function-key code (`wget_wch` returned `KEY_CODE_YES`), or nil for
    /// codes the app does not use. `KEY_RESIZE` and `KEY_MOUSE` are handled by the caller.
    static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_BEG, KEY_FIND, KEY_A1: return .home
        case KEY_END, KEY_SELECT, KEY_C1: return .end
        case KEY_BTAB: return .backTab
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case emc_key_f(1)...emc_key_f(63): return .function(Int(code - emc_key_f(0)))
        default: return nil
        }
    }

    /// The key for a character `wget_wch` returned (`OK`). Escape (0x1B) is returned as
    /// `.escape`; the caller decides first whether it starts a sequence to swallow.
    /// Returns nil for input the app must never see: NUL, the C0 controls without a letter,
    /// C1 controls, bidirectional controls and non-scalars.
    static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 0x7F, 0x08: return .backspace
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x01...0x1A:
            guard let letter = Unicode.Scalar(0x60 + value) else { return nil }
            return .ctrl(Character(letter))
        default:
            guard let scalar = Unicode.Scalar(value), !CellConverter.isUnsafe(scalar) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// The mouse event for a curses button state at a position: button 1 press or click is a
    /// click, buttons 4 and 5 are the wheel. Releases, motion and other buttons give nil.
    static func mouseEvent(buttons: mmask_t, x: Int, y: Int) -> MouseEvent? {
        if buttons & (EMC_BUTTON1_PRESSED | EMC_BUTTON1_CLICKED) != 0 { return .click(x: x, y: y) }
        if buttons & EMC_BUTTON4_PRESSED != 0 { return .wheelUp(x: x, y: y) }
        if buttons & EMC_BUTTON5_PRESSED != 0 { return .wheelDown(x: x, y: y) }
        return nil
    }
}
