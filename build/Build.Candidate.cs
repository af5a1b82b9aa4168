using CamBuild.Pipeline;
using CamBuild.Pipeline.Steps;
using CamBuild.Pipeline.Supply;
using CamBuild.Targets;

namespace CamBuild.Build;

internal sealed partial class Build
{
    Target BakeCandidate => _ => _
        .Description("Bakes the immutable LXC template from the locks (bit-for-bit reproducible) into artifacts/candidates/.")
        .DependsOn(Pin)
        .Inputs(() => BakeStep.InputFiles(Paths))
        .InputValue("compression-level", () => CompressionLevel?.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Outputs(Out(Paths.CurrentCandidate))
        .Outputs(() => CandidatePointer.OutputsOf(Paths))
        .Executes(c => BakeStep.RunAsync(Paths, Index, CompressionLevel, c, SigningKeyFile));

    Target VerifyReproducible => _ => _
        .Description("Rebakes the candidate (--candidate or the last baked) from its manifest's inputs in a fresh work directory and compares ids.")
        .After(BakeCandidate)
        .Executes(c => VerifyStep.RunAsync(Paths, Candidate, c, SigningKeyFile));

    Target Verify => _ => _
        .Description("Checks a candidate (--candidate or the last baked): template hash, SBOMs against its package lists, every attestation against config/trust/; a table, exit 1 on any failure.")
        .After(BakeCandidate)
        .Executes(c => VerifyCandidateStep.RunAsync(Paths, Candidate, c));

    Target ReleaseNotes => _ => _
        .Description("Release notes between --from and --to (release names): OS and Python packages from the SBOMs, configuration, qualification; Markdown and JSON in artifacts/releases/notes/.")
        .Requires(() => From)
        .Requires(() => To)
        .Executes(c => ReleaseNotesStep.Run(Paths, From, To, c));
}
