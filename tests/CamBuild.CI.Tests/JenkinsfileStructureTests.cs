using CamBuild.CI.Tests.Support;

namespace CamBuild.CI.Tests;

public sealed class JenkinsfileStructureTests
{
    [Fact]
    public void The_valid_fixture_passes()
    {
        Assert.Empty(JenkinsfileStructure.Check(File.ReadAllText(TestPaths.SharedFile("fixtures", "jenkins", "Jenkinsfile.valid"))));
    }

    [Fact]
    public void The_invalid_declarative_fixture_fails_for_the_missing_agent_and_the_unknown_section()
    {
        var problems = JenkinsfileStructure.Check(File.ReadAllText(TestPaths.SharedFile("fixtures", "jenkins", "Jenkinsfile.invalid-declarative")));

        Assert.Contains(problems, p => p.StartsWith("line 1:", StringComparison.Ordinal) && p.Contains("needs an 'agent'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 4:", StringComparison.Ordinal) && p.Contains("unknown section 'stepz'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("exactly one of steps, parallel, stages or matrix", StringComparison.Ordinal));
    }

    [Fact]
    public void The_invalid_syntax_fixture_fails_for_the_unclosed_block()
    {
        var problems = JenkinsfileStructure.Check(File.ReadAllText(TestPaths.SharedFile("fixtures", "jenkins", "Jenkinsfile.invalid-syntax")));

        Assert.Contains(problems, p => p.Contains("not closed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("pipeline { agent any\n stages { } }", "at least one stage")]
    [InlineData("pipeline { agent any }", "needs a 'stages' section")]
    [InlineData("pipeline { agent everywhere\n stages { stage('A') { steps { sh 'x' } } } }", "'agent' must be")]
    [InlineData("pipeline { agent any\n stages { stage('A') { steps { } } } }", "needs at least one step")]
    [InlineData("pipeline { agent any\n stages { stage { steps { sh 'x' } } } }", "a stage needs a name")]
    [InlineData("pipeline { agent any\n stages { stage('A') { steps { sh 'x' }\n stages { } } } }", "found 2")]
    [InlineData("pipeline { agent any\n stages { stage('A') { steps { sh 'x' } } }\n post { allways { echo 'x' } } }", "'allways' is not a post condition")]
    [InlineData("pipeline { agent any\n stages { stage('A') { steps { sh 'x' } } }\n stages { } }", "appears more than once")]
    [InlineData("node { sh 'x' }", "exactly one 'pipeline { }' block")]
    [InlineData("pipeline { agent any\n stages { stage('A') { steps { sh 'unterminated } } } }", "never closed")]
    public void Structural_mistakes_are_reported(string jenkinsfile, string expected)
    {
        var problems = JenkinsfileStructure.Check(jenkinsfile);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Comments_strings_parallel_and_nested_stages_are_understood()
    {
        const string jenkinsfile = """
            /* a { block comment } */
            pipeline {
                agent none // comment with { brace
                stages {
                    stage('Fan out') {
                        parallel {
                            stage('A') { agent { label 'x' }
                                steps { sh "echo '}'" } }
                            stage('B') { steps { sh '''echo {''' } }
                        }
                    }
                    stage('Nested') { stages { stage('C') { steps { echo 'c' } } } }
                }
            }
            """;

        Assert.Empty(JenkinsfileStructure.Check(jenkinsfile));
    }
}
