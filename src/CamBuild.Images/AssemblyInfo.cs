using System.Runtime.Versioning;

// The candidate is built with mmdebstrap, chroot, overlayfs and GNU tar: Linux only.
[assembly: SupportedOSPlatform("linux")]
