namespace CamBuild.SupplyChain.Sbom;

/// <summary>Writes both SBOMs beside a candidate's manifest (atomically, and only when the bytes differ).</summary>
public static class SbomFiles
{
    public static IReadOnlyList<string> Write(string candidateDirectory, SbomSubject subject)
    {
        var cdx = Path.Combine(candidateDirectory, CycloneDxWriter.FileName);
        var spdx = Path.Combine(candidateDirectory, SpdxWriter.FileName);
        AtomicFile.WriteIfChanged(cdx, CycloneDxWriter.Write(subject));
        AtomicFile.WriteIfChanged(spdx, SpdxWriter.Write(subject));
        return [cdx, spdx];
    }
}
