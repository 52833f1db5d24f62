namespace Hil.Reporting.Runtime;

/// <summary>Allure previews by MIME type, so a wrong one shows a download link instead of the plot.</summary>
internal static class MimeTypes
{
    public static string Guess(string extension) => extension.TrimStart('.').ToLowerInvariant() switch
    {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" or "jpeg" => "image/jpeg",
        "csv" => "text/csv",
        "json" => "application/json",
        "html" or "htm" => "text/html",
        "xml" or "plist" => "application/xml",
        "mp4" => "video/mp4",
        _ => "text/plain",
    };
}
