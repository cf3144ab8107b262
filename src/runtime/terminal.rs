//! Taking the terminal over and giving it back: raw mode, the alternate screen and
//! bracketed paste, on start, on the way out, and around a stop (Ctrl-Z, SIGTSTP).

use std::io::{self, Write};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::DefaultTerminal;

/// Raw mode, the alternate screen and bracketed paste, and a panic hook that gives
/// them all back before the panic message is printed.
pub fn enter() -> io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    let _ = crossterm::execute!(io::stdout(), EnableBracketedPaste);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
        previous(info);
    }));
    Ok(terminal)
}

/// Give the terminal back as it was before attune started.
pub fn give_back() {
    let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let _ = io::stdout().flush();
}

/// Take the terminal again after a stop, and make the next draw repaint every cell
/// (the shell has drawn over the screen meanwhile). A fresh Terminal, not
/// `Terminal::clear`, which would ask the terminal where its cursor is and wait for
/// the answer on stdin, where the main thread is reading keys.
pub fn resume(terminal: &mut DefaultTerminal) -> io::Result<()> {
    enable_raw_mode()?;
    crossterm::execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    *terminal = ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))?;
    Ok(())
}

/// Give the terminal back for a stop, keeping the Terminal for `resume`.
pub fn suspend() {
    let _ = crossterm::execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = io::stdout().flush();
}
