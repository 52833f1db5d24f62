using System.Text.Json;
using Hil.Foundation;
using Hil.Reporting.Model;

namespace Hil.Reporting.Writing;

/// <summary>
/// Allure's link patterns: <c>allureConfig.json</c> (named by <c>ALLURE_CONFIG</c>, else beside
/// the test assembly) holding <c>{"allure": {"links": ["https://tracker/issue/{issue}", …]}}</c>,
/// as Allure.Net.Commons reads it (its README "Configuration"; LinkHelper.UpdateLinks): a link
/// of type T takes the first pattern containing <c>{T}</c> (any case), with its url put in the
/// placeholder, so <c>[AllureIssue("123")]</c> becomes a link to issue 123. One departure: a url
/// that is already absolute is kept, so resolving twice (every rewrite of a result) changes
/// nothing.
/// </summary>
internal sealed class LinkPatterns
{
    public const string ConfigVariable = "ALLURE_CONFIG";

    public const string ConfigFileName = "allureConfig.json";

    public static readonly LinkPatterns None = new([]);

    private readonly IReadOnlyList<string> _patterns;

    public LinkPatterns(IReadOnlyList<string> patterns) => _patterns = patterns;

    public static LinkPatterns FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable(ConfigVariable) is { Length: > 0 } named)
        {
            return File.Exists(named) ? Read(named) : throw new InputException($"{named}: no such file ({ConfigVariable} names Allure's allureConfig.json)");
        }

        var beside = Path.Combine(AppContext.BaseDirectory, ConfigFileName);
        return File.Exists(beside) ? Read(beside) : None;
    }

    public static LinkPatterns Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!document.RootElement.TryGetProperty("allure", out var allure) || !allure.TryGetProperty("links", out var links))
            {
                return None;
            }

            if (links.ValueKind != JsonValueKind.Array || links.EnumerateArray().Any(l => l.ValueKind != JsonValueKind.String))
            {
                throw new InputException($"{path}: allure.links: expected an array of url patterns such as \"https://tracker/issue/{{issue}}\", found {links.ValueKind}");
            }

            return new LinkPatterns([.. links.EnumerateArray().Select(l => l.GetString()!)]);
        }
        catch (JsonException ex)
        {
            throw new InputException($"{path}: not JSON, expected Allure's config {{\"allure\": {{\"links\": [...]}}}}: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            throw new InputException($"{path}: expected Allure's config {{\"allure\": {{\"links\": [...]}}}}: {ex.Message}");
        }
    }

    public void ResolveAll(List<AllureLink> links)
    {
        for (var i = 0; i < links.Count; i++)
        {
            links[i] = Resolve(links[i]);
        }
    }

    public AllureLink Resolve(AllureLink link)
    {
        if (_patterns.Count == 0 || string.IsNullOrWhiteSpace(link.Type) || Uri.IsWellFormedUriString(link.Url, UriKind.Absolute))
        {
            return link;
        }

        var placeholder = "{" + link.Type + "}";
        var pattern = _patterns.FirstOrDefault(p => p.Contains(placeholder, StringComparison.OrdinalIgnoreCase));
        return pattern is null
            ? link
            : link with { Url = pattern.Replace(placeholder, Uri.EscapeDataString(link.Url), StringComparison.OrdinalIgnoreCase) };
    }
}
