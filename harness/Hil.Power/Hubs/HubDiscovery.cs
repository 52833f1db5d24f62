using Hil.Foundation;

namespace Hil.Power;

/// <summary>What `hil power list` makes of the hub tools' listings: every hub found, and each problem in words.</summary>
internal static class HubDiscovery
{
    public static IReadOnlyList<FoundHub> Uhubctl(string output, List<string> absent)
    {
        IReadOnlyList<UhubctlHub> hubs;
        try
        {
            hubs = UhubctlOutput.Hubs(output);
        }
        catch (InfrastructureException e)
        {
            absent.Add($"switchable hubs (uhubctl): {e.Message}");
            return [];
        }

        if (hubs.Count == 0)
        {
            absent.Add($"switchable hubs (uhubctl): none; uhubctl said: {ToolRunner.Said(output)}");
        }

        foreach (var location in hubs.Select(h => h.Location).Distinct())
        {
            if (UhubctlOutput.NotUnique(hubs, location) is { } why)
            {
                absent.Add($"switchable hubs (uhubctl): {why}");
            }
        }

        return hubs.Select(h => new FoundHub("uhubctl", h.Location, h.Description)).ToList();
    }

    public static IReadOnlyList<FoundHub> Ykush(string output, List<string> absent)
    {
        var (serials, problem) = YkushOutput.Listing(output);
        if (problem is not null)
        {
            absent.Add($"YKUSH hubs (ykushcmd): {problem}");
        }
        else if (serials.Count == 0)
        {
            absent.Add("YKUSH hubs (ykushcmd): none attached");
        }

        return serials.Select(s => new FoundHub("ykushcmd", s, "YKUSH board")).ToList();
    }
}
