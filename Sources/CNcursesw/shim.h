/*
 * shim.h - the C surface of ncursesw that Swift cannot import on its own.
 *
 * Only EMCurses imports this module. It exposes:
 *   - the wide-character curses API (NCURSES_WIDECHAR must be set before <ncurses.h>);
 *   - wcwidth/wcswidth, which Swift's Glibc module hides;
 *   - accessors for curses globals (stdscr, COLS, LINES) and for stdin/stdout, because
 *     Swift 6 rejects mutable C globals as not concurrency-safe;
 *   - the width of a terminal on a file descriptor (ioctl is variadic, which Swift cannot call);
 *   - constant copies of attribute and mouse macros, which expand to expressions Swift
 *     cannot import. They carry an EMC_ prefix so they never collide with the macros.
 */
#ifndef EMSCOPE_CNCURSESW_SHIM_H
#define EMSCOPE_CNCURSESW_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <wchar.h>
#include <ncurses.h>

/* Hidden by Swift's Glibc module; declared again so Swift can see them. */
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

/* The columns of the terminal on `fd`, or 0 when it is not a terminal. */
static inline int emc_terminal_columns(int fd) {
    struct winsize w;
    if (ioctl(fd, TIOCGWINSZ, &w) == 0 && w.ws_col > 0) return w.ws_col;
    return 0;
}

/* Curses globals, read through functions. */
static inline WINDOW *emc_stdscr(void) { return stdscr; }
static inline WINDOW *emc_curscr(void) { return curscr; }
static inline int emc_cols(void) { return COLS; }
static inline int emc_lines(void) { return LINES; }
static inline int emc_colors(void) { return COLORS; }
static inline int emc_color_pairs(void) { return COLOR_PAIRS; }

/* The C standard streams, for newterm(). */
static inline FILE *emc_stdin(void) { return stdin; }
static inline FILE *emc_stdout(void) { return stdout; }

/* Video attributes. */
static const attr_t EMC_A_NORMAL = A_NORMAL;
static const attr_t EMC_A_STANDOUT = A_STANDOUT;
static const attr_t EMC_A_UNDERLINE = A_UNDERLINE;
static const attr_t EMC_A_REVERSE = A_REVERSE;
static const attr_t EMC_A_BLINK = A_BLINK;
static const attr_t EMC_A_DIM = A_DIM;
static const attr_t EMC_A_BOLD = A_BOLD;
static const attr_t EMC_A_INVIS = A_INVIS;
static const attr_t EMC_A_ITALIC = A_ITALIC;

/* Mouse event masks. */
static const mmask_t EMC_BUTTON1_PRESSED = BUTTON1_PRESSED;
static const mmask_t EMC_BUTTON1_RELEASED = BUTTON1_RELEASED;
static const mmask_t EMC_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t EMC_BUTTON1_DOUBLE_CLICKED = BUTTON1_DOUBLE_CLICKED;
static const mmask_t EMC_BUTTON2_PRESSED = BUTTON2_PRESSED;
static const mmask_t EMC_BUTTON3_PRESSED = BUTTON3_PRESSED;
static const mmask_t EMC_BUTTON4_PRESSED = BUTTON4_PRESSED;
static const mmask_t EMC_BUTTON5_PRESSED = BUTTON5_PRESSED;
static const mmask_t EMC_BUTTON_SHIFT = BUTTON_SHIFT;
static const mmask_t EMC_BUTTON_CTRL = BUTTON_CTRL;
static const mmask_t EMC_BUTTON_ALT = BUTTON_ALT;
static const mmask_t EMC_REPORT_MOUSE_POSITION = REPORT_MOUSE_POSITION;
static const mmask_t EMC_ALL_MOUSE_EVENTS = ALL_MOUSE_EVENTS;

/* Function keys: KEY_F(n) is a function-like macro. */
static inline int emc_key_f(int n) { return KEY_F(n); }

#endif
