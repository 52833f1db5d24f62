using System.Text;
using Hil.Reporting.Model;

namespace Hil.Reporting.Runtime;

/// <summary>
/// What a test wrote (Console.Out, Console.Error, TestContext.Out: NUnit captures them in the
/// attempt's result) as a "Console Output" text attachment on the test, as Allure.NUnit does
/// (AllureNUnitHelper.AddConsoleOutputAttachment). Nothing is attached when it wrote nothing.
/// </summary>
internal static class ConsoleOutput
{
    public const string Name = "Console Output";

    public static void Attach(AllureLifecycle lifecycle, TestExecution execution, string? output)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            return;
        }

        var source = lifecycle.Writer.WriteAttachment(Encoding.UTF8.GetBytes(output), "txt");
        lock (execution.Gate)
        {
            execution.Result.Attachments.Add(new AllureAttachment(Name, source, "text/plain"));
        }
    }
}
