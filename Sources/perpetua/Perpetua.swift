import ArgumentParser

@main
struct Perpetua: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Perpetua perpetual-futures exchange server")
}
