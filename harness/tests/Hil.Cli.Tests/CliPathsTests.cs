using System.CommandLine;
using Hil.Cli.Commands;

namespace Hil.Cli.Tests;

/// <summary>
/// A path option that names the wrong kind of thing is a parse error naming the option (exit 2)
/// before any work: found by walking the real command tree, so a verb added later gets the check.
/// </summary>
public sealed class CliPathsTests : TempFolderTest
{
    [Test]
    public void Every_json_option_refuses_a_directory_at_parse_time()
    {
        var verbs = Paths(CommandCatalog.All()).Where(p => p.Command.Options.Any(o => o.Name == "--json")).ToList();
        Assert.That(verbs, Has.Count.GreaterThanOrEqualTo(10));
        foreach (var (path, _) in verbs)
        {
            var parsed = Root().Parse([.. path, "--json", Dir]);
            Assert.That(parsed.Errors.Select(e => e.Message), Has.Some.EqualTo($"--json '{Dir}': is a directory; expected a file path (or '-' for stdout)"), string.Join(' ', path));
        }
    }

    [Test]
    public void A_json_file_below_a_file_is_refused_and_a_missing_folder_is_fine()
    {
        var file = Path.Combine(Dir, "plain");
        File.WriteAllText(file, "x");

        Assert.That(Errors(["baseline", "list", "--json", Path.Combine(file, "out.json")]), Has.Some.Contains($"{file} is a file, not a folder"));
        Assert.That(Errors(["baseline", "list", "--json", Path.Combine(Dir, "new", "out.json")]), Is.Empty);
        Assert.That(Errors(["baseline", "list", "--json", "-"]), Is.Empty);
    }

    [TestCase("--results")]
    [TestCase("--report")]
    public void A_run_folder_option_naming_a_file_is_refused(string option)
    {
        var file = Path.Combine(Dir, "plain");
        File.WriteAllText(file, "x");

        Assert.That(Errors(["run", option, file]), Has.Some.EqualTo($"{option} '{file}': is a file; expected a directory"));
    }

    [Test]
    public void Latency_out_naming_a_directory_is_refused_before_the_measurement() =>
        Assert.That(Errors(["latency", "--rig", "r.yaml", "--topology", "app-relay", "--out", Dir]), Has.Some.StartsWith($"--out '{Dir}': is a directory"));

    private static IEnumerable<string> Errors(string[] args) => Root().Parse(args).Errors.Select(e => e.Message);

    private static RootCommand Root()
    {
        var root = new RootCommand("t");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static IEnumerable<(string[] Path, Command Command)> Paths(IEnumerable<Command> commands, string[]? prefix = null) =>
        commands.SelectMany(c => new[] { ((string[])[.. prefix ?? [], c.Name], c) }.Concat(Paths(c.Subcommands, [.. prefix ?? [], c.Name])));
}
