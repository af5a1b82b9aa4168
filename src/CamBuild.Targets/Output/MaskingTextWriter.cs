using System.Text;

namespace CamBuild.Targets.Output;

/// <summary>Wraps a writer (e.g. <see cref="Console.Out"/>) so that anything written through it is masked line by line.</summary>
internal sealed class MaskingTextWriter(TextWriter inner, SecretMasker masker) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        _line.Append(value);
        if (value == '\n') Flush();
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        _line.Append(value);
        if (value.Contains('\n', StringComparison.Ordinal)) Flush();
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            inner.Write(masker.Apply(_line.ToString()));
            _line.Clear();
        }

        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
