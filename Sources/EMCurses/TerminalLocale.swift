import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sets up the C locale that ncursesw needs to draw anything beyond ASCII.
public enum TerminalLocale {
    /// Applies the user's locale (`setlocale(LC_ALL, "")`). When that leaves a locale in which
    /// CJK is not double width — typically the C locale because LANG is unset, where ncursesw
    /// would silently drop every non-ASCII character — switches the character type to
    /// `C.UTF-8`. Returns whether the resulting locale handles Unicode widths.
    @discardableResult
    public static func configure() -> Bool {
        _ = setlocale(LC_ALL, "")
        if isUnicodeCapable { return true }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
        return isUnicodeCapable
    }

    /// True when `wcwidth` reports U+4E2D (中) as two columns.
    public static var isUnicodeCapable: Bool { wcwidth(0x4E2D) == 2 }
}
