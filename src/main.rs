//! The `capsift` command. All the work is in the library; see `cli`.

mod cli;

// Cleaning makes many small strings and vectors per document, on every
// thread at once; mimalloc serves them with fewer instructions than the
// system allocator (README "Speed").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::run());
}
