using System.Globalization;
using System.Text.Json;
using CamBuild.Dashboard.Model;
using CamBuild.Images.Store;

namespace CamBuild.Dashboard.Reading;

/// <summary>The candidates kept in the store: template size, bake time (from the provenance), reproducibility, where they run.</summary>
internal static class CandidateReader
{
    public static IReadOnlyList<CandidateView> Read(DashboardSources sources, IReadOnlyList<EnvironmentView> environments, IReadOnlyList<ChannelView> channels)
    {
        if (!Directory.Exists(sources.Candidates))
        {
            return [];
        }
        var views = new List<CandidateView>();
        foreach (var directory in Directory.EnumerateDirectories(sources.Candidates).Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileName(directory);
            var manifestPath = Path.Combine(directory, "manifest.json");
            if (!CandidateId.IsValid(id) || !File.Exists(manifestPath))
            {
                continue;   // a temp directory of a bake in progress, or not a candidate
            }
            var manifest = CandidateManifest.Load(manifestPath);
            views.Add(new CandidateView(id, manifest.FileName, manifest.TemplateSize, BakedAt(Path.Combine(directory, "provenance.json")),
                sources.Checks.Rebuild(directory, id),
                [.. environments.Where(e => e.CandidateId == id).Select(e => e.Name)],
                [.. channels.Where(c => c.Current?.CandidateId == id).Select(c => c.Name)]));
        }
        return views;
    }

    /// <summary>runDetails.metadata.finishedOn of the provenance statement; null when there is none.</summary>
    private static DateTimeOffset? BakedAt(string provenance)
    {
        if (!File.Exists(provenance))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(provenance));
            return document.RootElement.TryGetProperty("predicate", out var predicate)
                && predicate.TryGetProperty("runDetails", out var run) && run.TryGetProperty("metadata", out var metadata)
                && metadata.TryGetProperty("finishedOn", out var finished) && finished.GetString() is { } text
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                    ? at.ToUniversalTime()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
