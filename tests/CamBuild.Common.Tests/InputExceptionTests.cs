using CamBuild.Common;

namespace CamBuild.Common.Tests;

public sealed class InputExceptionTests
{
    [Fact]
    public void Keeps_message_and_inner_exception()
    {
        var inner = new FormatException("bad");
        var e = new InputException("config/leaves.yaml:3:5: unknown key 'x'", inner);
        Assert.Equal("config/leaves.yaml:3:5: unknown key 'x'", e.Message);
        Assert.Same(inner, e.InnerException);
    }
}
