using System.Globalization;
using System.Text;

namespace Hil.Reporting;

/// <summary>The HTTP/1.1 subset a browser needs to load a static report: request line in, file out, connection closed.</summary>
internal static class StaticFiles
{
    private const int MaxHeaderBytes = 16 * 1024;

    internal sealed record Request(string Method, string Path);

    internal sealed record Response(string Head, byte[]? Body);

    public static async Task<Request?> ReadRequestAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[MaxHeaderBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                break;
            }
        }

        var parts = Encoding.ASCII.GetString(buffer, 0, length).Split("\r\n")[0].Split(' ');
        return parts.Length == 3 ? new Request(parts[0], parts[1]) : null;
    }

    public static Response Respond(string root, Request? request)
    {
        if (request is null)
        {
            return Status(400, "Bad Request");
        }

        if (request.Method is not ("GET" or "HEAD"))
        {
            return Status(405, "Method Not Allowed");
        }

        var path = Uri.UnescapeDataString(request.Path.Split('?', '#')[0]).TrimStart('/');
        var file = Path.GetFullPath(Path.Combine(root, path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path));
        if (!file.StartsWith(root, StringComparison.Ordinal) || !File.Exists(file) || !ReportServer.StaysInside(root, file))
        {
            return Status(404, "Not Found");
        }

        var body = File.ReadAllBytes(file);
        var head = string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 200 OK\r\nContent-Type: {ContentType(file)}\r\nContent-Length: {body.Length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n");
        return new Response(head, body);
    }

    private static Response Status(int code, string reason)
    {
        var body = Encoding.UTF8.GetBytes($"{code} {reason}\n");
        return new Response(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {code} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), body);
    }

    private static string ContentType(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "text/html; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" => "application/json",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".ico" => "image/x-icon",
        ".woff" => "font/woff",
        ".woff2" => "font/woff2",
        ".ttf" => "font/ttf",
        ".csv" => "text/csv; charset=utf-8",
        ".txt" or ".log" or ".hlog" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
