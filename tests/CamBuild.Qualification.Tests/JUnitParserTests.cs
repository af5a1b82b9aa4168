using CamBuild.Qualification.JUnit;

namespace CamBuild.Qualification.Tests;

public sealed class JUnitParserTests
{
    // The shape samples/acceptance/run.py writes (ElementTree, testsuites > testsuite, traceback as text).
    private const string RunPyShape = """
        <?xml version='1.0' encoding='utf-8'?>
        <testsuites name="cam-acceptance" tests="3" failures="1" errors="0" skipped="1" time="4.210">
          <testsuite name="acceptance-system" tests="3" failures="1" errors="0" skipped="1" time="4.210">
            <testcase name="test_sensors_visible" classname="test_sensors.SensorTests" time="0.512" />
            <testcase name="test_target_moves_antenna" classname="test_commands.CommandTests" time="3.100">
              <failure message="AssertionError: m000.mode stayed 'stow'" type="AssertionError">Traceback (most recent call last):
          File "test_commands.py", line 31, in test_target_moves_antenna
        AssertionError: m000.mode stayed 'stow'</failure>
            </testcase>
            <testcase name="test_halt_recovers" classname="test_recovery.RecoveryTests" time="0.001">
              <skipped message="no weather device" />
            </testcase>
          </testsuite>
        </testsuites>
        """;

    [Fact]
    public void ReadsTheAcceptanceRunnerShape()
    {
        var result = JUnitParser.Parse(RunPyShape, "system.xml");

        Assert.Equal((1, 1, 1), (result.Passed, result.Failed, result.Skipped));
        Assert.Equal(4.21, result.Seconds, 3);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("test_commands.CommandTests.test_target_moves_antenna", failure.FullName);
        Assert.Equal("AssertionError: m000.mode stayed 'stow'", failure.Message);
        Assert.StartsWith("Traceback (most recent call last):", failure.Details, StringComparison.Ordinal);
        Assert.Equal("acceptance-system", failure.TestSuite);
        Assert.Equal("no weather device", result.Cases[2].Message);
    }

    [Fact]
    public void ReadsPytestShapeWithErrorsAndPropertiesAndCountsFromCasesNotAttributes()
    {
        const string xml = """
            <?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="99"
             time="1,234.5" timestamp="2025-01-01T00:00:00" hostname="ci"><properties><property name="a" value="b"/></properties>
            <testcase classname="tests.test_io" name="test_ok" time="0.010"><system-out>hello</system-out></testcase>
            <testcase classname="tests.test_io" name="test_boom" time="0.020"><error message="fixture 'db' not found">E  fixture 'db' not found</error></testcase>
            <testcase classname="tests.test_io" name="test_bare_failure"><failure>assert 1 == 2
            where 1 = f()</failure></testcase>
            </testsuite></testsuites>
            """;

        var result = JUnitParser.Parse(xml, "pytest.xml");

        Assert.Equal(3, result.Cases.Count);
        Assert.Equal((1, 2, 0), (result.Passed, result.Failed, result.Skipped));
        Assert.Equal(TestOutcome.Error, result.Cases[1].Outcome);
        Assert.Equal("assert 1 == 2", result.Cases[2].Message);
        Assert.Equal(0.030, result.Seconds, 3);
    }

    [Fact]
    public void ReadsASingleTestsuiteRootAndTimesWithThousandsSeparators()
    {
        const string xml = """
            <testsuite name="com.example.FooTest" tests="2" failures="0" time="1,234.500">
              <testcase name="a" classname="com.example.FooTest" time="1,200.000"/>
              <testcase name="b" classname="com.example.FooTest" time="34.5"/>
            </testsuite>
            """;

        var result = JUnitParser.Parse(xml, "TEST-Foo.xml");

        Assert.Equal(2, result.Passed);
        Assert.Equal(1234.5, result.Seconds, 3);
        Assert.Equal(1200, result.Cases[0].Seconds, 3);
    }

    [Fact]
    public void ReadsNestedSuitesWithTheNearestSuiteName()
    {
        const string xml = """
            <testsuites><testsuite name="outer"><testsuite name="inner">
              <testcase name="deep" classname="x"><failure message="no"/></testcase>
            </testsuite><testcase name="shallow" classname="x"/></testsuite></testsuites>
            """;

        var result = JUnitParser.Parse(xml, "nested.xml");

        Assert.Equal(["inner", "outer"], result.Cases.Select(testCase => testCase.TestSuite));
        Assert.Equal(1, result.Failed);
    }

    [Fact]
    public void IgnoresDoctypesAndNeverResolvesEntities()
    {
        const string xml = """
            <?xml version="1.0"?><!DOCTYPE testsuite [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <testsuite name="s"><testcase name="t" classname="c"/></testsuite>
            """;

        Assert.Equal(1, JUnitParser.Parse(xml, "dtd.xml").Passed);
    }

    [Fact]
    public void BrokenXmlNamesFileAndPosition()
    {
        var error = Assert.Throws<JUnitFormatException>(() => JUnitParser.Parse("<testsuite>\n  <testcase name=\"a\">\n</testsuite>", "out/x.xml"));

        Assert.StartsWith("out/x.xml:3:3: not well-formed XML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForeignRootIsRefused()
    {
        var error = Assert.Throws<JUnitFormatException>(() => JUnitParser.Parse("<html><body/></html>", "x.xml"));

        Assert.Contains("root element is <html>", error.Message, StringComparison.Ordinal);
    }
}
