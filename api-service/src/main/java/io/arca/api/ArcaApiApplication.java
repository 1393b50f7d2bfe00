package io.arca.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** OpenAPI description of the whole API: every endpoint needs an API key as a bearer token. */
@OpenAPIDefinition(
        info = @Info(title = "Arca API", version = "v1",
                description = "Self-hosted PostgreSQL backups. Errors are application/problem+json.",
                license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An Arca API key: Authorization: Bearer arca_...")
public class ArcaApiApplication extends Application {
}
