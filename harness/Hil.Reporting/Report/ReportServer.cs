using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hil.Reporting;

/// <summary>
/// A tiny static file server for a multi-file report (which cannot load from file://). It binds
/// 127.0.0.1 on an ephemeral port, serves GET and HEAD from one folder, and stops on dispose.
/// </summary>
public sealed class ReportServer : IAsyncDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly string _root;

    private ReportServer(string root)
    {
        // `serve DIR/` and `serve DIR` are the same folder; a doubled separator would match no file under it.
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Url { get; }

    /// <summary>Serves <paramref name="directory"/>; the URL is ready when this returns.</summary>
    public static ReportServer Start(string directory)
    {
        if (!File.Exists(Path.Combine(directory, "index.html")))
        {
            throw new Hil.Foundation.InputException($"{Path.GetFullPath(directory)}: expected a generated report (index.html); found none");
        }

        return new ReportServer(directory);
    }

    /// <summary>
    /// False when a link on the way from <paramref name="root"/> to <paramref name="file"/> leads out of
    /// the root: a report may hold links among its own files, never a way to the rest of the disk.
    /// </summary>
    internal static bool StaysInside(string root, string file)
    {
        var current = Path.TrimEndingDirectorySeparator(root);
        foreach (var part in Path.GetRelativePath(current, file).Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                if (target is null || !target.StartsWith(root, StringComparison.Ordinal))
                {
                    return false;
                }

                current = target;
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation; nothing else to report.
        }

        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            var stream = client.GetStream();
            var request = await StaticFiles.ReadRequestAsync(stream, timeout.Token).ConfigureAwait(false);
            var response = StaticFiles.Respond(_root, request);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response.Head), timeout.Token).ConfigureAwait(false);
            if (response.Body is { } body && request?.Method != "HEAD")
            {
                await stream.WriteAsync(body, timeout.Token).ConfigureAwait(false);
            }

            // Close gracefully: unread request bytes (a POST body) would otherwise turn the close into a reset.
            client.Client.Shutdown(SocketShutdown.Send);
            var sink = new byte[4096];
            while (await stream.ReadAsync(sink, timeout.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
            // A browser that hangs up or stalls costs one connection, never the server.
        }
    }
}
