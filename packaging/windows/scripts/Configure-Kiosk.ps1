<#
.SYNOPSIS
    Install-time configuration of the pass Culture kiosk, run by the MSI as LocalSystem.

.DESCRIPTION
    The MSI's ConfigureKiosk custom action passes its public properties as key=value tokens
    (server=, name=, code=, account=), because a Windows Installer command line cannot quote
    a value any better. This script then:

    1. checks the new values with the installed kiosk itself (`config check`), before
       anything is written: a bad SERVER_URL fails the install with the kiosk's own message;
    2. writes central_url and kiosk_name into the machine configuration file
       %ProgramData%\passculture-kiosk\kiosk.toml (the "system file" of kiosk/config.py),
       keeping every other line; a property that was not given changes nothing, so an
       upgrade or a repair keeps the configuration as it is;
    3. hands a one-time ENROLLMENT_CODE to the first start of the kiosk (Start-Kiosk.ps1),
       which enrolls as the kiosk's own account: the device token must land in the secret
       store of that account, not in LocalSystem's. The code is encrypted with DPAPI
       (machine scope) into enrollment.pending, a file only SYSTEM, the administrators and
       the kiosk account may read, deleted as soon as the code is spent. It is never
       written in clear and never logged.

    What it did goes to %ProgramData%\passculture-kiosk\Logs\setup.log (values of secrets
    never). Exit 0 on success; any other exit code fails the install (error 1722).
#>
param(
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]] $Arguments = @()
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

$Root = Join-Path $env:ProgramData 'passculture-kiosk'
$ConfigFile = Join-Path $Root 'kiosk.toml'
$Pending = Join-Path $Root 'enrollment.pending'
$LogFile = Join-Path $Root 'Logs\setup.log'
$Exe = Join-Path (Split-Path -Parent $PSScriptRoot) 'passculture-kiosk.exe'
# DPAPI entropy shared with Start-Kiosk.ps1: a blob made for something else never decrypts.
$Entropy = [Text.Encoding]::UTF8.GetBytes('passculture-kiosk enrollment code')

# MSI property (as a token key) -> option of kiosk/config.py written into the system file.
$OptionOf = [ordered]@{ server = 'central_url'; name = 'kiosk_name' }

function Write-SetupLog([string] $Message) {
    $folder = Split-Path -Parent $LogFile
    if (-not (Test-Path -LiteralPath $folder)) { New-Item -ItemType Directory -Path $folder -Force | Out-Null }
    $line = '{0:yyyy-MM-ddTHH:mm:ssK} Configure-Kiosk: {1}' -f (Get-Date), $Message
    Add-Content -LiteralPath $LogFile -Value $line -Encoding UTF8
}

function Stop-Setup([string] $Message) {
    Write-SetupLog "error: $Message"
    [Console]::Error.WriteLine("error: $Message")
    exit 1
}

function ConvertTo-ArgumentString([string[]] $Items) {
    # The quoting rules of CommandLineToArgvW, which Python's own parser follows.
    $quoted = foreach ($item in $Items) {
        if ($item -ne '' -and $item -notmatch '[\s"]') { $item; continue }
        $escaped = [regex]::Replace($item, '(\\*)"', { param($m) $m.Groups[1].Value * 2 + '\"' })
        '"' + [regex]::Replace($escaped, '(\\+)$', { param($m) $m.Groups[1].Value * 2 }) + '"'
    }
    $quoted -join ' '
}

function Invoke-Kiosk([string[]] $KioskArguments) {
    # A Process object rather than & or Start-Process: output captured, exit code exact,
    # whether the frozen exe is a console or a windowed one.
    $info = New-Object System.Diagnostics.ProcessStartInfo
    $info.FileName = $Exe
    $info.Arguments = ConvertTo-ArgumentString $KioskArguments
    $info.UseShellExecute = $false
    $info.CreateNoWindow = $true
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($info)
    $stderr = $process.StandardError.ReadToEndAsync()
    $stdout = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = ($stdout + $stderr.Result).Trim() }
}

function ConvertTo-TomlString([string] $Text) {
    $builder = New-Object System.Text.StringBuilder
    [void]$builder.Append('"')
    foreach ($char in $Text.ToCharArray()) {
        $code = [int]$char
        if ($char -eq '"') { [void]$builder.Append('\"') }
        elseif ($char -eq '\') { [void]$builder.Append('\\') }
        elseif ($code -lt 0x20 -or $code -eq 0x7F) { [void]$builder.Append(('\u{0:X4}' -f $code)) }
        else { [void]$builder.Append($char) }
    }
    [void]$builder.Append('"')
    $builder.ToString()
}

function Set-FolderAcl([string] $Path) {
    # ProgramData lets every user create files in new subfolders: without this, anyone could
    # plant a kiosk.toml before the kiosk's first start. Users read; SYSTEM and admins write.
    $acl = New-Object System.Security.AccessControl.DirectorySecurity
    $acl.SetAccessRuleProtection($true, $false)
    $inherit = [System.Security.AccessControl.InheritanceFlags]'ContainerInherit, ObjectInherit'
    $none = [System.Security.AccessControl.PropagationFlags]::None
    foreach ($rule in @(
            @('S-1-5-18', 'FullControl'),      # SYSTEM
            @('S-1-5-32-544', 'FullControl'),  # Administrators
            @('S-1-5-32-545', 'ReadAndExecute') # Users
        )) {
        $sid = New-Object System.Security.Principal.SecurityIdentifier $rule[0]
        $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule(
                        $sid, $rule[1], $inherit, $none, 'Allow')))
    }
    Set-Acl -LiteralPath $Path -AclObject $acl
}

function Get-PendingReader([string] $Account) {
    $users = New-Object System.Security.Principal.SecurityIdentifier 'S-1-5-32-545'
    if (-not $Account) { return $users }
    try {
        return (New-Object System.Security.Principal.NTAccount $Account).Translate(
            [System.Security.Principal.SecurityIdentifier])
    } catch {
        Write-SetupLog "warning: KIOSK_ACCOUNT '$Account' does not exist yet: the Users group may read the pending enrollment until a lockdown script narrows it"
        return $users
    }
}

function Write-PendingEnrollment([string] $Code, [string] $Account) {
    Add-Type -AssemblyName System.Security
    $blob = [System.Security.Cryptography.ProtectedData]::Protect(
        [Text.Encoding]::UTF8.GetBytes($Code), $Entropy,
        [System.Security.Cryptography.DataProtectionScope]::LocalMachine)
    $acl = New-Object System.Security.AccessControl.FileSecurity
    $acl.SetAccessRuleProtection($true, $false)
    foreach ($sid in @('S-1-5-18', 'S-1-5-32-544')) {
        $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule(
                        (New-Object System.Security.Principal.SecurityIdentifier $sid), 'FullControl', 'Allow')))
    }
    # Delete too: the kiosk account removes the file once the code is spent.
    $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule(
                    (Get-PendingReader $Account), 'Read, Delete', 'Allow')))
    if (Test-Path -LiteralPath $Pending) { Remove-Item -LiteralPath $Pending -Force }
    # Created with its ACL: the bytes are never readable by anyone else, even for a moment.
    $stream = [System.IO.File]::Create($Pending, 4096, [System.IO.FileOptions]::None, $acl)
    try { $stream.Write($blob, 0, $blob.Length) } finally { $stream.Dispose() }
}

function Update-ConfigFile([System.Collections.Specialized.OrderedDictionary] $Values) {
    $lines = New-Object System.Collections.Generic.List[string]
    if (Test-Path -LiteralPath $ConfigFile) {
        foreach ($line in [IO.File]::ReadAllLines($ConfigFile, [Text.Encoding]::UTF8)) { $lines.Add($line) }
    } else {
        $lines.Add('# pass Culture kiosk: machine configuration (see docs/configuration.md).')
        $lines.Add('# Written by the installer; your own lines are kept on upgrades.')
    }
    foreach ($option in $Values.Keys) {
        $entry = '{0} = {1}' -f $option, (ConvertTo-TomlString $Values[$option])
        $pattern = '^\s*' + [regex]::Escape($option) + '\s*='
        $index = -1
        for ($i = 0; $i -lt $lines.Count; $i++) { if ($lines[$i] -match $pattern) { $index = $i; break } }
        if ($index -ge 0) { $lines[$index] = $entry } else { $lines.Add($entry) }
    }
    $temporary = "$ConfigFile.tmp"
    [IO.File]::WriteAllText($temporary, ($lines -join "`r`n") + "`r`n", (New-Object System.Text.UTF8Encoding $false))
    Move-Item -LiteralPath $temporary -Destination $ConfigFile -Force
}

# --- main ------------------------------------------------------------------------------------

$given = @{ server = ''; name = ''; code = ''; account = '' }
foreach ($token in $Arguments) {
    $at = $token.IndexOf('=')
    if ($at -lt 1) { Stop-Setup "unexpected argument (a property holds a double quote?): '$token'" }
    $key = $token.Substring(0, $at)
    if (-not $given.ContainsKey($key)) { Stop-Setup "unknown argument '$key'" }
    $given[$key] = $token.Substring($at + 1).Trim()
}

# Everything is checked before anything is written: the MSI has no rollback for this file.
if ($given.code -and $given.code -notmatch '^[\x21-\x7E]{1,128}$') {
    Stop-Setup 'ENROLLMENT_CODE holds characters that no enrollment code has (spaces, accents)'
}

if (-not (Test-Path -LiteralPath $Root)) { New-Item -ItemType Directory -Path $Root -Force | Out-Null }
Set-FolderAcl $Root
Write-SetupLog ("install of {0}" -f (Split-Path -Parent $PSScriptRoot))

$values = [ordered]@{}
foreach ($key in $OptionOf.Keys) {
    if ($given[$key]) { $values[$OptionOf[$key]] = $given[$key] }
}

if ($values.Count -gt 0) {
    if (-not (Test-Path -LiteralPath $Exe)) { Stop-Setup "the kiosk is missing: $Exe" }
    $check = @('config', 'check')
    foreach ($option in $values.Keys) { $check += @('--' + $option.Replace('_', '-'), $values[$option]) }
    $result = Invoke-Kiosk $check
    if ($result.ExitCode -ne 0) {
        Stop-Setup ("the kiosk refuses this configuration (exit {0}): {1}" -f $result.ExitCode, $result.Output)
    }
    Update-ConfigFile $values
    Write-SetupLog ("wrote {0} into {1}" -f (@($values.Keys) -join ', '), $ConfigFile)
} else {
    Write-SetupLog 'no SERVER_URL nor KIOSK_NAME given: the configuration file is left as it is'
}

if ($given.code) {
    Write-PendingEnrollment $given.code $given.account
    Write-SetupLog "enrollment code stored encrypted in $Pending; the kiosk's first start uses it"
}
exit 0
