using System.CommandLine;

namespace Hil.Cli;

/// <summary>
/// Path options checked when the command line is parsed, before any work: a file option must not
/// name a directory (or sit below a file), a directory option must not name a
/// file. A bad path is a usage error (exit 2) naming the option, never a crash after a measurement
/// that then loses its figures.
/// </summary>
internal static class CliPaths
{
    /// <summary>Refuses, at parse time, a value of <paramref name="option"/> that cannot be written as a file ('-' is stdout).</summary>
    public static Option<string?> AsOutputFile(this Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && OutputFileProblem(value) is { } problem)
            {
                result.AddError($"{option.Name} '{value}': {problem}");
            }
        });
        return option;
    }

    /// <summary>Refuses, at parse time, a value of <paramref name="option"/> that names something other than a directory.</summary>
    public static Option<DirectoryInfo?> AsDirectory(this Option<DirectoryInfo?> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<DirectoryInfo?>() is { } dir && DirectoryProblem(dir.FullName) is { } problem)
            {
                result.AddError($"{option.Name} '{dir}': {problem}");
            }
        });
        return option;
    }

    internal static string? OutputFileProblem(string value)
    {
        if (value == CliJson.Stdout)
        {
            return null;
        }

        if (value.Length == 0)
        {
            return "expected a file path or '-', got an empty value";
        }

        var full = Path.GetFullPath(value);
        if (Directory.Exists(full))
        {
            return "is a directory; expected a file path (or '-' for stdout)";
        }

        // Missing folders are created when the file is written; one that is a file never can be.
        for (var folder = Path.GetDirectoryName(full); folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
            {
                return $"{folder} is a file, not a folder";
            }
        }

        return File.Exists(full) && (File.GetAttributes(full) & FileAttributes.Device) != 0 ? "is a device; expected a regular file" : null;
    }

    internal static string? DirectoryProblem(string full) =>
        File.Exists(full) ? "is a file; expected a directory" : null;
}
