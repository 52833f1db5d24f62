using System.CommandLine;
using Hil.Reporting;

namespace Hil.Cli.Commands;

/// <summary>
/// `hil report --results DIR --out DIR [--history FILE] [--single-file] [--json FILE|-]`: builds the
/// report with the Allure 3 CLI pinned in reports/ (running `npm ci` there first if needed).
/// `hil report serve DIR`: serves a generated report on 127.0.0.1 until Ctrl-C.
/// </summary>
internal static class ReportCommands
{
    public static Command Create()
    {
        var results = new Option<string>("--results") { Description = "Allure results directory (e.g. results/allure)", Required = true };
        var output = new Option<string>("--out") { Description = "where to write the report; a report already there is replaced whole (a folder holding anything else is refused)", Required = true };
        var history = new Option<string?>("--history") { Description = "history file (JSONL, one line per report); default reports/history/history.jsonl" };
        var singleFile = new Option<bool>("--single-file") { Description = "one self-contained index.html that opens from file://" };
        var json = CliJson.Option("where the report went and the CLI's warnings");
        var command = new Command("report", "build the Allure report from results with the pinned Allure 3 CLI")
        {
            results, output, history, singleFile, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var report = await AllureReport.GenerateAsync(
                parse.GetValue(results)!, parse.GetValue(output)!, parse.GetValue(history), parse.GetValue(singleFile), ct).ConfigureAwait(false);
            var target = parse.GetValue(json);
            CliJson.Write(target, new { report.OutputDirectory, report.IndexHtml, report.Warnings });
            await CliJson.People(target).WriteLineAsync($"report: {report.IndexHtml}").ConfigureAwait(false);
            foreach (var warning in report.Warnings)
            {
                await Console.Error.WriteLineAsync($"allure: {warning}").ConfigureAwait(false);
            }

            return CliInvocation.Ok;
        });
        command.Add(Serve());
        return command;
    }

    private static Command Serve()
    {
        var directory = new Argument<string>("DIR") { Description = "a generated report (its folder holds index.html)" };
        var serve = new Command("serve", "serve a generated report on 127.0.0.1 (ephemeral port) until Ctrl-C") { directory };
        serve.SetAction(async (parse, ct) =>
        {
            await using var server = ReportServer.Start(parse.GetValue(directory)!);
            await Console.Out.WriteLineAsync(server.Url.ToString()).ConfigureAwait(false);
            await Console.Error.WriteLineAsync("serving; press Ctrl-C to stop").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C is how serving ends.
            }

            return CliInvocation.Ok;
        });
        return serve;
    }
}
