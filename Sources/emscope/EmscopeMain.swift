import EMCLI

/// The thin executable: everything lives in EMCLI.
@main
struct EmscopeMain {
    static func main() {
        Entry.main()
    }
}
