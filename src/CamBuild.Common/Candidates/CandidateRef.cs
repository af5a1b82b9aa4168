namespace CamBuild.Common;

/// <summary>
/// A candidate the candidate store verified in this invocation: its template file hashes to
/// <see cref="TemplateSha256"/> and decompresses to <see cref="Id"/>. Deploy, Qualification and Release take this
/// instead of a path to re-read; open the template through <see cref="OpenTemplate"/> so its reads are counted.
/// </summary>
public sealed record CandidateRef(CandidateId Id, string TemplateFile, Sha256 TemplateSha256)
{
    /// <summary>The template's file name, e.g. <c>cam_1.0.0-3f2a9c1d0b7e_amd64.tar.zst</c>.</summary>
    public string TemplateFileName => Path.GetFileName(TemplateFile);

    /// <summary>Reads the template; every byte read is counted in <see cref="TemplateReads"/>.</summary>
    public Stream OpenTemplate() => TemplateReads.Open(TemplateFile);
}
