import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FollowContracts, FollowedTicketView } from '@mediq/contracts';
import { Public } from '../auth/auth.decorators';
import { DownstreamService } from '../rpc/downstream.service';

/**
 * The printed ticket's follow link: anyone holding it sees that ticket's public view (number,
 * poli, counter, status, people ahead, ETA; no name, no NIK). It opens no account route.
 */
@ApiTags('queue')
@Controller('queue/follow')
export class TicketFollowController {
  constructor(private readonly downstream: DownstreamService) {}

  /** 410 FOLLOW_LINK_EXPIRED once the ticket ended or its day is over (`details.status` says how it ended). */
  @Get(':token')
  @Public()
  view(@Param('token') followToken: string): Promise<FollowedTicketView> {
    return this.downstream.call(FollowContracts.view, { followToken });
  }
}
