using System.Text;
using System.Text.RegularExpressions;

namespace CamBuild.Images.Os;

/// <summary>
/// A local flat apt repository holding exactly the locked debs. Its Packages file is the mirror's stanzas verbatim
/// with only Filename rewritten; its Release names the suite so mmdebstrap's essential selection matches.
/// </summary>
internal static partial class FlatRepo
{
    public static void Write(string dir, OsLock osLock, DebStore debs)
    {
        Directory.CreateDirectory(dir);
        var packages = new StringBuilder();
        foreach (var p in osLock.Packages)
        {
            var name = Path.GetFileName(p.Filename);
            var link = Path.Combine(dir, name);
            if (!File.Exists(link)) File.CreateSymbolicLink(link, debs.PathOf(p.Sha256));
            packages.Append(FilenameLine().Replace(p.Stanza, "Filename: ./" + name)).Append("\n\n");
        }
        File.WriteAllText(Path.Combine(dir, "Packages"), packages.ToString());
        File.WriteAllText(Path.Combine(dir, "Release"),
            $"Suite: {osLock.Suite}\nCodename: {osLock.Suite}\nArchitectures: {osLock.Architecture}\n");
    }

    [GeneratedRegex("^Filename: .*$", RegexOptions.Multiline)]
    private static partial Regex FilenameLine();
}
