import ArgumentParser
import EMStore
import EMText
import Foundation

/// The program's entry point: parses arguments and turns every error into one line on stderr
/// with exit code 1 (bad input) or 2 (bad usage). Never a stack trace.
public enum Entry {
    public static func main() {
        do {
            var command = try EmscopeCommand.parseAsRoot()
            try command.run()
            exit(0)
        } catch let error as CLIError {
            fail(error.message, code: error.exitCode)
        } catch let error as StoreError {
            fail(error.description, code: 1)
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch {
            let code = EmscopeCommand.exitCode(for: error)
            let message = EmscopeCommand.fullMessage(for: error)
            if code == .success {
                print(message)
                exit(0)
            }
            // Usage errors: argument-parser's message (with its usage hint), exit 2.
            FileHandle.standardError.write(Data((message + "\n").utf8))
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// The message on stderr (one line; a query error adds its query and a caret line). File
    /// names and text from files reach it, so control characters and escapes in each line are
    /// shown as placeholders, never sent to the terminal.
    static func fail(_ message: String, code: Int32) -> Never {
        let safe = message.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Sanitizer.singleLineString(String($0)) }.joined(separator: "\n")
        FileHandle.standardError.write(Data(("emscope: " + safe + "\n").utf8))
        exit(code)
    }
}
