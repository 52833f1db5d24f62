using Hil.Foundation;

namespace Hil.Reporting.Runtime;

/// <summary>
/// The commit a run's harness was built from, for the report's environment: CI names it
/// (HIL_COMMIT, GITHUB_SHA); locally the checkout's HEAD does, read as files so no process is
/// started. A worktree's <c>.git</c> is a file naming its git directory, whose refs live in the
/// common directory. Null when none of these says, so the report leaves the line out.
/// </summary>
internal static class GitCommit
{
    public static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("HIL_COMMIT") ?? Environment.GetEnvironmentVariable("GITHUB_SHA");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        var root = RepositoryRoot.TryFind(AppContext.BaseDirectory);
        return root is null ? null : FromCheckout(root);
    }

    public static string? FromCheckout(string root)
    {
        var gitDir = GitDirectory(root);
        if (gitDir is null || !File.Exists(Path.Combine(gitDir, "HEAD")))
        {
            return null;
        }

        var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
        if (!head.StartsWith("ref: ", StringComparison.Ordinal))
        {
            return head;
        }

        var reference = head[5..];
        var common = CommonDirectory(gitDir);
        foreach (var dir in new[] { gitDir, common }.Distinct(StringComparer.Ordinal))
        {
            var loose = Path.Combine(dir, reference);
            if (File.Exists(loose))
            {
                return File.ReadAllText(loose).Trim();
            }
        }

        var packed = Path.Combine(common, "packed-refs");
        return File.Exists(packed)
            ? File.ReadLines(packed).Where(l => l.EndsWith(" " + reference, StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).FirstOrDefault()
            : null;
    }

    private static string? GitDirectory(string root)
    {
        var git = Path.Combine(root, ".git");
        if (Directory.Exists(git))
        {
            return git;
        }

        if (!File.Exists(git))
        {
            return null;
        }

        var line = File.ReadAllText(git).Trim();
        return line.StartsWith("gitdir: ", StringComparison.Ordinal) ? Path.GetFullPath(Path.Combine(root, line[8..].Trim())) : null;
    }

    private static string CommonDirectory(string gitDir)
    {
        var file = Path.Combine(gitDir, "commondir");
        return File.Exists(file) ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(file).Trim())) : gitDir;
    }
}
