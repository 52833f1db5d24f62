using Hil.Foundation;
using Hil.Foundation.Files;

namespace Hil.Rigs.Parsing;

/// <summary>
/// Where the files a rig names are found (relative to the repository root; a dext build relative to
/// the rig file's own directory), and whether they must
/// exist now: a rig loaded from disk that names a missing plist fails at load time, naming the
/// field's line, instead of validating and failing later.
/// </summary>
internal sealed record RigFolders(string RepositoryRoot, string RigDirectory, bool CheckFiles)
{
    /// <summary>The full path of the file <paramref name="field"/> names; checked to be a file when <see cref="CheckFiles"/>.</summary>
    public string File(Field field, string what)
    {
        var full = Path.GetFullPath(Path.Combine(RepositoryRoot, field.Text($"the path of {what}")));
        if (CheckFiles)
        {
            try
            {
                InputFile.CheckExists(full, what);
            }
            catch (InputException e)
            {
                throw field.Error(e.Message);
            }
        }

        return full;
    }
}
