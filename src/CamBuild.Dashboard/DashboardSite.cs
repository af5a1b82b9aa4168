using CamBuild.Dashboard.Model;
using CamBuild.Dashboard.Reading;
using CamBuild.Dashboard.Site;

namespace CamBuild.Dashboard;

/// <summary>The Dashboard target's work: read the records, render the pages, publish <c>site/</c> atomically.</summary>
internal static class DashboardSite
{
    public static (SiteModel Model, SiteContent Content) Build(DashboardSources sources)
    {
        var model = DashboardReader.Read(sources);
        return (model, SiteContent.Build(model));
    }

    public static SiteModel Write(DashboardSources sources, string siteDirectory)
    {
        var (model, content) = Build(sources);
        SiteWriter.Write(siteDirectory, content);
        return model;
    }
}
