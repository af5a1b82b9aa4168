using CamBuild.Deploy.Roles;

namespace CamBuild.Deploy.Tests;

/// <summary>A tiny real role catalogue: Python's HTTP server as the service, health checks that cross nodes.</summary>
internal static class TestCatalog
{
    public const string Json = """
    {
      "format": 1,
      "roles": {
        "web": {
          "command": ["python3", "-m", "http.server", "{port}", "--bind", "{address}", "--directory", "/etc/cam"],
          "port": 8080,
          "health": ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://{address}:{port}/site.json', timeout=2)"]
        },
        "api": {
          "description": "answers only when it can reach the web node",
          "command": ["python3", "-m", "http.server", "{port}", "--bind", "{address}", "--directory", "/etc/cam"],
          "port": 8081,
          "requires": ["web"],
          "health": ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://{role:web}:8080/node.json', timeout=2); urllib.request.urlopen('http://{address}:8081/', timeout=2)"]
        },
        "broken": {
          "command": ["/bin/sh", "-c", "echo 'broken: cannot open /etc/cam/missing.conf' >&2; exit 3"],
          "port": 8082,
          "restart": {"delay_s": 0.2, "burst": 3, "interval_s": 30},
          "health": ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://{address}:8082/', timeout=1)"]
        }
      }
    }
    """;

    public static RoleCatalog Load() => RoleCatalog.Parse(Json, "test-roles.json");

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
            {
                directory = directory.Parent;
            }
            return directory?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    public static RoleCatalog SampleRoles() => RoleCatalog.Load(Path.Combine(RepositoryRoot, "samples", "site", "roles.json"));
}
