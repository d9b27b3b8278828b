import ArgumentParser
import EMCore

/// `emscope annotate STORE`: an annotation session over the samples matching a filter.
struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Label samples: walk the ones you have not rated yet, in labelling mode.",
        discussion: """
        Opens the explorer in labelling mode on the samples matching --filter, at the first one you \
        have not rated. The codebook's shortcut keys label the sample (saved at once); 0 marks \
        "reviewed — none apply"; > goes to the next unrated sample; u undoes; ; writes a note. \
        The status bar shows your progress and pace. Press ? inside for every key.

        Examples:
          emscope annotate runs.sqlite --annotator alice --filter 'verdict:misaligned reasoning:yes'
          emscope annotate runs.sqlite --blind --order random --seed 7
          emscope annotate shared-runs.sqlite --labels alice-labels.sqlite
          emscope annotate runs.sqlite --adjudicate --filter 'labels:conflict'
        """)

    @Argument(help: "The store to label (default: the sample runs).")
    var store: String?

    @OptionGroup var labelling: LabellingOptions
    @OptionGroup var verdict: VerdictOptions

    @Option(help: "Only these samples (see docs/query.md), e.g. 'verdict:misaligned reasoning:yes'.")
    var filter: String?

    @Option(help: "The queue's order: store (the store's order) or random (shuffled by --seed, the same for everyone with that seed).")
    var order: QueueOrder = .store

    @Option(help: "The seed of --order random.")
    var seed: Int = 1

    enum QueueOrder: String, ExpressibleByArgument, CaseIterable {
        case store, random
    }

    func run() throws {
        try ExplorerLaunch.run(store: store, verdict: verdict, labelling: labelling, readOnly: false, filter: filter,
                               annotate: true, order: order == .random ? .shuffled : .id, seed: seed)
    }
}
