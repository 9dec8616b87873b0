fn main() -> std::process::ExitCode {
    overture::cli::run()
}
