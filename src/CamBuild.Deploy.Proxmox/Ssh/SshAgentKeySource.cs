using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Security;

namespace CamBuild.Deploy.Proxmox.Ssh;

/// <summary>
/// Keys held by a running ssh-agent (<c>SSH_AUTH_SOCK</c>): the private key never leaves the agent, which signs the
/// authentication challenge (agent protocol: REQUEST_IDENTITIES = 11, SIGN_REQUEST = 13).
/// </summary>
internal sealed class SshAgentKeySource : IPrivateKeySource
{
    private const byte RequestIdentities = 11, IdentitiesAnswer = 12, SignRequest = 13, SignResponse = 14;
    private const uint RsaSha256Flag = 2;

    private SshAgentKeySource(IReadOnlyCollection<HostAlgorithm> algorithms) => HostKeyAlgorithms = algorithms;

    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }

    public static SshAgentKeySource Connect(string socketPath)
    {
        var answer = Exchange(socketPath, [RequestIdentities]);
        if (answer.Length == 0 || answer[0] != IdentitiesAnswer)
            throw new InvalidDataException($"ssh-agent at '{socketPath}' did not list its keys");
        var reader = new WireReader(answer.AsMemory(1));
        var count = reader.UInt32();
        var algorithms = new List<HostAlgorithm>();
        for (var i = 0; i < count; i++)
        {
            var blob = reader.Bytes();
            reader.Bytes(); // comment
            var type = Encoding.ASCII.GetString(new WireReader(blob).Bytes().Span);
            if (type == "ssh-rsa") algorithms.Add(new AgentAlgorithm("rsa-sha2-256", blob.ToArray(), RsaSha256Flag, socketPath));
            else if (!type.Contains("-cert-", StringComparison.Ordinal)) algorithms.Add(new AgentAlgorithm(type, blob.ToArray(), 0, socketPath));
        }
        if (algorithms.Count == 0) throw new InvalidDataException($"ssh-agent at '{socketPath}' holds no keys; add one with ssh-add");
        return new SshAgentKeySource(algorithms);
    }

    private static byte[] Exchange(string socketPath, byte[] message)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        using var stream = new NetworkStream(socket);
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)message.Length);
        stream.Write(header);
        stream.Write(message);
        stream.ReadExactly(header);
        var body = new byte[BinaryPrimitives.ReadUInt32BigEndian(header)];
        stream.ReadExactly(body);
        return body;
    }

    private sealed class AgentAlgorithm(string name, byte[] publicBlob, uint flags, string socketPath) : HostAlgorithm(name)
    {
        public override byte[] Data => publicBlob;

        public override byte[] Sign(byte[] data)
        {
            var request = new List<byte> { SignRequest };
            Append(request, publicBlob);
            Append(request, data);
            var flagBytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(flagBytes, flags);
            request.AddRange(flagBytes);
            var answer = Exchange(socketPath, [.. request]);
            if (answer.Length == 0 || answer[0] != SignResponse)
                throw new InvalidOperationException($"ssh-agent refused to sign with its {Name} key");
            return new WireReader(answer.AsMemory(1)).Bytes().ToArray();
        }

        public override bool VerifySignature(byte[] data, byte[] signature) =>
            throw new NotSupportedException("an agent key only signs; the server verifies");

        private static void Append(List<byte> buffer, byte[] value)
        {
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
            buffer.AddRange(length);
            buffer.AddRange(value);
        }
    }

    private sealed class WireReader(ReadOnlyMemory<byte> data)
    {
        private int _offset;

        public uint UInt32()
        {
            var value = BinaryPrimitives.ReadUInt32BigEndian(data.Span[_offset..]);
            _offset += 4;
            return value;
        }

        public ReadOnlyMemory<byte> Bytes()
        {
            var length = (int)UInt32();
            var value = data.Slice(_offset, length);
            _offset += length;
            return value;
        }
    }
}
