import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { KioskSessionController } from './kiosk-session.controller';
import { setWebHeaders, WEB_DIST_DIR, webAppBuilt } from './web-static';

/**
 * The web clients (kiosk, patient, operator, display board, admin) served at `/` from web/dist,
 * with every path outside /api and /socket.io answered by index.html (the app routes itself).
 * Without a built app the gateway serves the API alone.
 */
@Module({
  imports: webAppBuilt()
    ? [
        ServeStaticModule.forRoot({
          rootPath: WEB_DIST_DIR,
          exclude: ['/api/{*path}', '/socket.io/{*path}'],
          serveStaticOptions: { index: false, fallthrough: true, setHeaders: setWebHeaders },
        }),
      ]
    : [],
  controllers: [KioskSessionController],
})
export class WebModule {}
