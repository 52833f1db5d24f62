using System.CommandLine;
using Hil.Latency.Running.Compare;

namespace Hil.Cli.Commands;

/// <summary>`hil dext build --out DIR [--send-extra-ns N] [--identity SUFFIX]`: a dext build directory (dext/README.md "A dext build").</summary>
internal static class DextCommands
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "the dext build directory to write (replaced whole)", Required = true };
        var extra = NumberOptions.InRange("--send-extra-ns", "busy-wait ns compiled into Driver1's send path (a slower candidate)", 0L, new NumberRange<long>(0, 10_000_000));
        var identity = new Option<string>("--identity") { Description = "suffix for the bundle id, class names and IOUserServerName (lower-case letters and digits)", DefaultValueFactory = _ => "" };
        var build = new Command("build", "build the probe dext's sim host and its Info.plist into a dext build directory") { output, extra, identity };
        build.SetAction(async (parse, ct) =>
        {
            var options = new DextBuilder.Options(parse.GetValue(output)!, parse.GetValue(extra), parse.GetValue(identity)!);
            await DextBuilder.BuildAsync(options, TimeProvider.System, Console.Out.WriteLine, ct).ConfigureAwait(false);
            return CliInvocation.Ok;
        });
        return new Command("dext", "dext builds: hil dext build") { build };
    }
}
