namespace CamBuild.Common.Tests.Hashing;

public sealed class CandidateRefTests
{
    [Fact]
    public async Task Template_reads_through_the_reference_are_counted()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, new byte[300_000]);
            var candidate = new CandidateRef(CandidateId.Parse(new string('a', 64)), path, Sha256.OfFile(path));
            var (bytes, opens) = (TemplateReads.Bytes, TemplateReads.Opens);

            var stream = candidate.OpenTemplate();
            await using (stream)
            {
                await stream.CopyToAsync(Stream.Null);
            }

            Assert.Equal(300_000, TemplateReads.Bytes - bytes);
            Assert.Equal(1, TemplateReads.Opens - opens);
            Assert.Equal(Path.GetFileName(path), candidate.TemplateFileName);
            Assert.Contains("x the template", TemplateReads.Describe(300_000), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
