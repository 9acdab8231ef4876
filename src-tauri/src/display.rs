//! A window needs a display. Started without one (over SSH, from a service, in a container)
//! GTK would panic with a backtrace; the app says so in one sentence and exits instead, and
//! points at `pos`, which runs a till without a screen.

/// Whether a window can open here, or the sentence that says why not.
#[cfg(target_os = "linux")]
pub fn check() -> Result<(), String> {
    gtk::init().map_err(|_| {
        let named = std::env::var("WAYLAND_DISPLAY")
            .or_else(|_| std::env::var("DISPLAY"))
            .ok()
            .filter(|d| !d.is_empty());
        match named {
            Some(display) => format!(
                "the Tally window cannot open the display \"{display}\": start it in the \
                 desktop session (`pos` runs a till without a screen)"
            ),
            None => "the Tally window needs a display, and neither DISPLAY nor WAYLAND_DISPLAY \
                     is set: start it in the desktop session (`pos` runs a till without a \
                     screen)"
                .to_owned(),
        }
    })
}

#[cfg(not(target_os = "linux"))]
pub fn check() -> Result<(), String> {
    Ok(())
}
