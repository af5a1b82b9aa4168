using System.Text.Json;

namespace CamBuild.Common.Tests.Hashing;

public sealed class Sha256Tests
{
    private const string Empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData(Empty, true)]
    [InlineData("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", false)] // upper case is not our shape
    [InlineData("g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", false)] // any letter is not hex
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85", false)]  // 63 digits
    [InlineData("../../etc", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void One_shape_rule(string? value, bool valid)
    {
        Assert.Equal(valid, Sha256.IsValid(value));
        Assert.Equal(valid, CandidateId.IsValid(value));
        Assert.Equal(valid, Sha256.TryParse(value, out _));
    }

    [Fact]
    public async Task Hashes_bytes_text_streams_and_files_alike()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "abc");
            var expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
            Assert.Equal(expected, Sha256.Of("abc"u8).Hex);
            Assert.Equal(expected, Sha256.OfText("abc").Hex);
            Assert.Equal(expected, Sha256.OfFile(path).Hex);
            Assert.Equal(expected, (await Sha256.OfFileAsync(path)).Hex);
            Assert.Equal(Empty, Sha256.Of(ReadOnlySpan<byte>.Empty).ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_is_an_input_error_and_Require_a_contract_error()
    {
        var input = Assert.Throws<InputException>(() => Sha256.Parse("ABC", "configuration hash"));
        Assert.Contains("configuration hash must be a sha256 of 64 lower-case hex digits, got 'ABC'", input.Message, StringComparison.Ordinal);

        var contract = Assert.Throws<ArgumentException>(() => Sha256.Require("ABC", "candidateId"));
        Assert.Equal("candidateId", contract.ParamName);
        Assert.Equal(Empty, Sha256.Require(Empty, "candidateId"));
    }

    [Fact]
    public void CandidateId_has_one_wording_a_short_form_and_a_json_string_shape()
    {
        var error = Assert.Throws<InputException>(() => CandidateId.Parse("nope"));
        Assert.Equal("'nope' is not a candidate id (64 lower-case hex digits, the sha256 of rootfs.tar).", error.Message);

        var id = CandidateId.Parse(Empty);
        Assert.Equal("e3b0c44298fc", id.Short);
        Assert.Equal(Empty, id.Value);
        Assert.Equal(id, CandidateId.Parse(Empty));

        var json = JsonSerializer.Serialize(new { Id = id, Hash = id.Sha256 });
        Assert.Equal($$"""{"Id":"{{Empty}}","Hash":"{{Empty}}"}""", json);
        Assert.Equal(id, JsonSerializer.Deserialize<CandidateId>($"\"{Empty}\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CandidateId>("\"ABC\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Sha256>("\"ABC\""));
    }
}
